using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RankerModelProposedShares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "CandidateProposed",
                table: "RankerModels",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ServingProposed",
                table: "RankerModels",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CandidateProposed",
                table: "RankerModels");

            migrationBuilder.DropColumn(
                name: "ServingProposed",
                table: "RankerModels");
        }
    }
}
