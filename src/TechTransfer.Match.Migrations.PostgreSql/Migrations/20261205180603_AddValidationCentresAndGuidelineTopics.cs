using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Field = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NeedIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    CoFunderIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    CombinedBudget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true),
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    HostOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Services = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Equipment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Fields = table.Column<int[]>(type: "integer[]", nullable: false),
                    Fees = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Contact = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    RegionName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true),
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    AchievementId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Plan = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    TrlBefore = table.Column<int>(type: "integer", nullable: false),
                    TrlAfter = table.Column<int>(type: "integer", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ScheduledStart = table.Column<DateOnly>(type: "date", nullable: true),
                    ScheduledEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportText = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ReportUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Slot = table.Column<int>(type: "integer", nullable: true),
                    ValidationProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Milestones = table.Column<string>(type: "jsonb", nullable: true)
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
                        name: "FK_ValidationApplications_ValidationProjects_ValidationProject~",
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
                unique: true);

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
