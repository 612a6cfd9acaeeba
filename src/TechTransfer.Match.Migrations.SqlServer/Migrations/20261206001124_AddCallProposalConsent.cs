using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddCallProposalConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequiresConsent",
                table: "Calls",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Consent",
                table: "CallProposals",
                type: "nvarchar(48)",
                maxLength: 48,
                nullable: false,
                defaultValue: "NotRequired");

            migrationBuilder.AddColumn<DateTime>(
                name: "ConsentAt",
                table: "CallProposals",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConsentBy",
                table: "CallProposals",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentReason",
                table: "CallProposals",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequiresConsent",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "Consent",
                table: "CallProposals");

            migrationBuilder.DropColumn(
                name: "ConsentAt",
                table: "CallProposals");

            migrationBuilder.DropColumn(
                name: "ConsentBy",
                table: "CallProposals");

            migrationBuilder.DropColumn(
                name: "ConsentReason",
                table: "CallProposals");
        }
    }
}
