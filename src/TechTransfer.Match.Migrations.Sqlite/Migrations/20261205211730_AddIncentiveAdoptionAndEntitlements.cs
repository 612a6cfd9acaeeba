using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddIncentiveAdoptionAndEntitlements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AdoptedAt",
                table: "IncentiveSchemes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AdoptedBy",
                table: "IncentiveSchemes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AdoptedFrom",
                table: "IncentiveSchemes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AdoptedRevision",
                table: "IncentiveSchemes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ComputedThrough",
                table: "IncentiveSchemes",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IncentiveEntitlements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    BeneficiaryKind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractsToDate = table.Column<int>(type: "INTEGER", nullable: false),
                    EarnedToDate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncentiveEntitlements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncentiveEntitlements_IncentiveSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "IncentiveSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncentiveEntitlements_SchemeId_Period_BeneficiaryId",
                table: "IncentiveEntitlements",
                columns: new[] { "SchemeId", "Period", "BeneficiaryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncentiveEntitlements_SchemeId_Year_Quarter",
                table: "IncentiveEntitlements",
                columns: new[] { "SchemeId", "Year", "Quarter" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncentiveEntitlements");

            migrationBuilder.DropColumn(
                name: "AdoptedAt",
                table: "IncentiveSchemes");

            migrationBuilder.DropColumn(
                name: "AdoptedBy",
                table: "IncentiveSchemes");

            migrationBuilder.DropColumn(
                name: "AdoptedFrom",
                table: "IncentiveSchemes");

            migrationBuilder.DropColumn(
                name: "AdoptedRevision",
                table: "IncentiveSchemes");

            migrationBuilder.DropColumn(
                name: "ComputedThrough",
                table: "IncentiveSchemes");
        }
    }
}
