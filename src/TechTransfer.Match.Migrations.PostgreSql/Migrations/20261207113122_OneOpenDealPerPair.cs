using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OneOpenDealPerPair : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OpenAchievementId",
                table: "Deals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OpenNeedId",
                table: "Deals",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deals_OpenAchievementId_OpenNeedId",
                table: "Deals",
                columns: new[] { "OpenAchievementId", "OpenNeedId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deals_OpenAchievementId_OpenNeedId",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "OpenAchievementId",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "OpenNeedId",
                table: "Deals");
        }
    }
}
