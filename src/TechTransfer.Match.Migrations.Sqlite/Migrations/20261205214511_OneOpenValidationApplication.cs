using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OneOpenValidationApplication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OpenCentreId",
                table: "ValidationApplications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ValidationApplications_OpenCentreId_AchievementId",
                table: "ValidationApplications",
                columns: new[] { "OpenCentreId", "AchievementId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ValidationApplications_OpenCentreId_AchievementId",
                table: "ValidationApplications");

            migrationBuilder.DropColumn(
                name: "OpenCentreId",
                table: "ValidationApplications");
        }
    }
}
