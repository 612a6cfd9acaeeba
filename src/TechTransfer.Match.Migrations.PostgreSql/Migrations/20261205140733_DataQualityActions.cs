using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DataQualityActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contracts_SellerOrganisationId_Year",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Year_Field",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Year_IsLocal_Field",
                table: "Contracts");

            migrationBuilder.AddColumn<Guid>(
                name: "DuplicateOfContractId",
                table: "Contracts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QualityDismissals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContractIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityDismissals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_DuplicateOfContractId",
                table: "Contracts",
                column: "DuplicateOfContractId");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_SellerOrganisationId_Year",
                table: "Contracts",
                columns: new[] { "SellerOrganisationId", "Year" })
                .Annotation("Npgsql:IndexInclude", new[] { "IsLocal", "TotalAmount", "Category", "TransformationMode", "DuplicateOfContractId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_Field",
                table: "Contracts",
                columns: new[] { "Year", "Field" })
                .Annotation("Npgsql:IndexInclude", new[] { "TotalAmount", "DuplicateOfContractId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_IsLocal_Field",
                table: "Contracts",
                columns: new[] { "Year", "IsLocal", "Field" })
                .Annotation("Npgsql:IndexInclude", new[] { "TotalAmount", "AchievementId", "DuplicateOfContractId" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityDismissals_Code_Key",
                table: "QualityDismissals",
                columns: new[] { "Code", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QualityDismissals");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_DuplicateOfContractId",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_SellerOrganisationId_Year",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Year_Field",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Year_IsLocal_Field",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "DuplicateOfContractId",
                table: "Contracts");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_SellerOrganisationId_Year",
                table: "Contracts",
                columns: new[] { "SellerOrganisationId", "Year" })
                .Annotation("Npgsql:IndexInclude", new[] { "IsLocal", "TotalAmount", "Category", "TransformationMode" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_Field",
                table: "Contracts",
                columns: new[] { "Year", "Field" })
                .Annotation("Npgsql:IndexInclude", new[] { "TotalAmount" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_IsLocal_Field",
                table: "Contracts",
                columns: new[] { "Year", "IsLocal", "Field" })
                .Annotation("Npgsql:IndexInclude", new[] { "TotalAmount", "AchievementId" });
        }
    }
}
