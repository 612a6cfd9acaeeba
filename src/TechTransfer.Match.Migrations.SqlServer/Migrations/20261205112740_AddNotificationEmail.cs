using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddNotificationEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DigestEmailKinds",
                table: "NotificationPreferences",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "EmailKinds",
                table: "NotificationPreferences",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DigestEmailKinds",
                table: "NotificationPreferences");

            migrationBuilder.DropColumn(
                name: "EmailKinds",
                table: "NotificationPreferences");
        }
    }
}
