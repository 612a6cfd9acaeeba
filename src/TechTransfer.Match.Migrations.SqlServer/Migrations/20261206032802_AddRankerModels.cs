using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddRankerModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RankerVersion",
                table: "MatchProposals",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RankerModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TrainingSamples = table.Column<int>(type: "int", nullable: false),
                    HeldBackSamples = table.Column<int>(type: "int", nullable: false),
                    Positives = table.Column<int>(type: "int", nullable: false),
                    Negatives = table.Column<int>(type: "int", nullable: false),
                    CandidateAuc = table.Column<double>(type: "float", nullable: false),
                    CandidateMap = table.Column<double>(type: "float", nullable: false),
                    ServingVersion = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ServingAuc = table.Column<double>(type: "float", nullable: false),
                    ServingMap = table.Column<double>(type: "float", nullable: false),
                    Promoted = table.Column<bool>(type: "bit", nullable: false),
                    PromotedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ModelBytes = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankerModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RankerModels_Promoted_PromotedAt",
                table: "RankerModels",
                columns: new[] { "Promoted", "PromotedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RankerModels_Version",
                table: "RankerModels",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RankerModels");

            migrationBuilder.DropColumn(
                name: "RankerVersion",
                table: "MatchProposals");
        }
    }
}
