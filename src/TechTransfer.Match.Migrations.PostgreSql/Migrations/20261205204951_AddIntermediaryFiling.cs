using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddIntermediaryFiling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "CertificationIssuedOn",
                table: "TechnologyManagerProfiles",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IntermediaryFilings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Services = table.Column<int>(type: "integer", maxLength: 48, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FilingNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ActiveOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Credentials = table.Column<string>(type: "jsonb", nullable: true),
                    Staff = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntermediaryFilings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntermediaryFilings_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ManagerTrainings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Course = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ManagerTrainings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ManagerTrainings_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntermediaryFilings_ActiveOrganisationId",
                table: "IntermediaryFilings",
                column: "ActiveOrganisationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntermediaryFilings_FilingNumber",
                table: "IntermediaryFilings",
                column: "FilingNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntermediaryFilings_OrganisationId",
                table: "IntermediaryFilings",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_IntermediaryFilings_State_ExpiresOn",
                table: "IntermediaryFilings",
                columns: new[] { "State", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ManagerTrainings_UserId_On",
                table: "ManagerTrainings",
                columns: new[] { "UserId", "On" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntermediaryFilings");

            migrationBuilder.DropTable(
                name: "ManagerTrainings");

            migrationBuilder.DropColumn(
                name: "CertificationIssuedOn",
                table: "TechnologyManagerProfiles");
        }
    }
}
