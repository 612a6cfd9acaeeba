using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddOpenCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CallProposalId",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Calls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Reward = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RegionPrefix = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    EligibleKinds = table.Column<string>(type: "TEXT", nullable: false),
                    Deadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProposalCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedReviews = table.Column<int>(type: "INTEGER", nullable: false),
                    WinnerProposalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WinnerDealId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Criteria = table.Column<string>(type: "TEXT", nullable: true),
                    Targets = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Calls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Calls_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CallNeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NeedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ScreenedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ScreenedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallNeeds_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CallNeeds_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CallProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Approach = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    AchievementIds = table.Column<string>(type: "TEXT", nullable: false),
                    FinalScore = table.Column<double>(type: "REAL", nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    WinnerOfCallId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Milestones = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallProposals_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CallProposals_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CallReviewers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConflictOrganisationIds = table.Column<string>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallReviewers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallReviewers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CallReviewers_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CallScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProposalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Scores = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallScores_CallProposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "CallProposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallNeeds_CallId_NeedId",
                table: "CallNeeds",
                columns: new[] { "CallId", "NeedId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallNeeds_NeedId",
                table: "CallNeeds",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_CallProposals_CallId_OrganisationId",
                table: "CallProposals",
                columns: new[] { "CallId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallProposals_OrganisationId",
                table: "CallProposals",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CallProposals_WinnerOfCallId",
                table: "CallProposals",
                column: "WinnerOfCallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallReviewers_CallId_UserId",
                table: "CallReviewers",
                columns: new[] { "CallId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallReviewers_UserId",
                table: "CallReviewers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Calls_OwnerOrganisationId",
                table: "Calls",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Calls_State_Deadline",
                table: "Calls",
                columns: new[] { "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_CallScores_CallId_ReviewerUserId",
                table: "CallScores",
                columns: new[] { "CallId", "ReviewerUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_CallScores_ProposalId_ReviewerUserId",
                table: "CallScores",
                columns: new[] { "ProposalId", "ReviewerUserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallNeeds");

            migrationBuilder.DropTable(
                name: "CallReviewers");

            migrationBuilder.DropTable(
                name: "CallScores");

            migrationBuilder.DropTable(
                name: "CallProposals");

            migrationBuilder.DropTable(
                name: "Calls");

            migrationBuilder.DropColumn(
                name: "CallProposalId",
                table: "Deals");
        }
    }
}
