using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddValidationCentresAndGuidelineTopics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GuidelineTopics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    NeedIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CoFunderIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CombinedBudget = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuidelineTopics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ValidationCentres",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    HostOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    Services = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Equipment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Fields = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Fees = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Capacity = table.Column<int>(type: "int", nullable: false),
                    Contact = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    RegionCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    RegionName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ValidationCentres", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ValidationCentres_Organisations_HostOrganisationId",
                        column: x => x.HostOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ValidationApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CentreId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AchievementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Plan = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    TrlBefore = table.Column<int>(type: "int", nullable: false),
                    TrlAfter = table.Column<int>(type: "int", nullable: true),
                    DeclineReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ScheduledStart = table.Column<DateOnly>(type: "date", nullable: true),
                    ScheduledEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportText = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    ReportUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Slot = table.Column<int>(type: "int", nullable: true),
                    ValidationProjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Milestones = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ValidationApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ValidationApplications_Achievements_AchievementId",
                        column: x => x.AchievementId,
                        principalTable: "Achievements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ValidationApplications_Organisations_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ValidationApplications_ValidationCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "ValidationCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ValidationApplications_ValidationProjects_ValidationProjectId",
                        column: x => x.ValidationProjectId,
                        principalTable: "ValidationProjects",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_GuidelineTopics_Year_Title",
                table: "GuidelineTopics",
                columns: new[] { "Year", "Title" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ValidationApplications_AchievementId",
                table: "ValidationApplications",
                column: "AchievementId");

            migrationBuilder.CreateIndex(
                name: "IX_ValidationApplications_CentreId_Slot",
                table: "ValidationApplications",
                columns: new[] { "CentreId", "Slot" },
                unique: true,
                filter: "[Slot] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ValidationApplications_InstitutionId",
                table: "ValidationApplications",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_ValidationApplications_ValidationProjectId",
                table: "ValidationApplications",
                column: "ValidationProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ValidationCentres_HostOrganisationId",
                table: "ValidationCentres",
                column: "HostOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ValidationCentres_Name",
                table: "ValidationCentres",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GuidelineTopics");

            migrationBuilder.DropTable(
                name: "ValidationApplications");

            migrationBuilder.DropTable(
                name: "ValidationCentres");
        }
    }
}
