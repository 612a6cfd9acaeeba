using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RiskClaimsOnContracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "TrialId",
                table: "RiskClaims",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "ContractFailureCause",
                table: "RiskClaims",
                type: "character varying(48)",
                maxLength: 48,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ContractId",
                table: "RiskClaims",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OpenContractId",
                table: "RiskClaims",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskClaims_ContractId",
                table: "RiskClaims",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskClaims_SchemeId_OpenContractId",
                table: "RiskClaims",
                columns: new[] { "SchemeId", "OpenContractId" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_RiskClaims_Subject",
                table: "RiskClaims",
                sql: "(\"TrialId\" IS NULL AND \"ContractId\" IS NOT NULL) OR (\"TrialId\" IS NOT NULL AND \"ContractId\" IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "FK_RiskClaims_Contracts_ContractId",
                table: "RiskClaims",
                column: "ContractId",
                principalTable: "Contracts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RiskClaims_Contracts_ContractId",
                table: "RiskClaims");

            migrationBuilder.DropIndex(
                name: "IX_RiskClaims_ContractId",
                table: "RiskClaims");

            migrationBuilder.DropIndex(
                name: "IX_RiskClaims_SchemeId_OpenContractId",
                table: "RiskClaims");

            migrationBuilder.DropCheckConstraint(
                name: "CK_RiskClaims_Subject",
                table: "RiskClaims");

            migrationBuilder.DropColumn(
                name: "ContractFailureCause",
                table: "RiskClaims");

            migrationBuilder.DropColumn(
                name: "ContractId",
                table: "RiskClaims");

            migrationBuilder.DropColumn(
                name: "OpenContractId",
                table: "RiskClaims");

            migrationBuilder.AlterColumn<Guid>(
                name: "TrialId",
                table: "RiskClaims",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
