using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddRiskPool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RiskSchemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LocalBuyersOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    Fields = table.Column<string>(type: "TEXT", nullable: false),
                    MaxAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Ratio = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    CapPerCase = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CapPerInstitution = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CapPerYear = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskSchemes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RiskClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AmountAsked = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    AmountApproved = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecisionYear = table.Column<int>(type: "INTEGER", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PaymentReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OpenTrialId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskClaims_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RiskClaims_RiskSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "RiskSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RiskClaims_Trials_TrialId",
                        column: x => x.TrialId,
                        principalTable: "Trials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RiskPools",
                columns: table => new
                {
                    SchemeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BudgetFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CommittedFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskPools", x => x.SchemeId);
                    table.CheckConstraint("CK_RiskPools_Balance", "\"BudgetFen\" - \"CommittedFen\" - \"PaidFen\" >= 0 AND \"CommittedFen\" >= 0 AND \"PaidFen\" >= 0");
                    table.ForeignKey(
                        name: "FK_RiskPools_RiskSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "RiskSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RiskClaims_OrganisationId",
                table: "RiskClaims",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskClaims_SchemeId_OpenTrialId",
                table: "RiskClaims",
                columns: new[] { "SchemeId", "OpenTrialId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskClaims_SchemeId_State",
                table: "RiskClaims",
                columns: new[] { "SchemeId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskClaims_TrialId",
                table: "RiskClaims",
                column: "TrialId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RiskClaims");

            migrationBuilder.DropTable(
                name: "RiskPools");

            migrationBuilder.DropTable(
                name: "RiskSchemes");
        }
    }
}
