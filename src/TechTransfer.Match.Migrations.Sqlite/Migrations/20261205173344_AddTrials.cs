using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddTrials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Trials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DealId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AchievementId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SellerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PaymentMode = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    AgreedPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    PaymentTerms = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Extensions = table.Column<int>(type: "INTEGER", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FailureCause = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    OutcomeNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConcludedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RunningDealId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Trials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Trials_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Trials_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Trials_Organisations_BuyerOrganisationId",
                        column: x => x.BuyerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Trials_Organisations_SellerOrganisationId",
                        column: x => x.SellerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrialMilestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RemindedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrialMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrialMilestones_Trials_TrialId",
                        column: x => x.TrialId,
                        principalTable: "Trials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TrialMilestones_TrialId_DueOn",
                table: "TrialMilestones",
                columns: new[] { "TrialId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Trials_AchievementId_BuyerOrganisationId",
                table: "Trials",
                columns: new[] { "AchievementId", "BuyerOrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Trials_BuyerOrganisationId",
                table: "Trials",
                column: "BuyerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_ContractId",
                table: "Trials",
                column: "ContractId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Trials_DealId",
                table: "Trials",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_RunningDealId",
                table: "Trials",
                column: "RunningDealId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Trials_SellerOrganisationId",
                table: "Trials",
                column: "SellerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_State_EndsOn",
                table: "Trials",
                columns: new[] { "State", "EndsOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TrialMilestones");

            migrationBuilder.DropTable(
                name: "Trials");
        }
    }
}
