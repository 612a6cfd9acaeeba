using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.SqlServer.Migrations
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QualityDismissals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ContractIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
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
                .Annotation("SqlServer:Include", new[] { "IsLocal", "TotalAmount", "Category", "TransformationMode", "DuplicateOfContractId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_Field",
                table: "Contracts",
                columns: new[] { "Year", "Field" })
                .Annotation("SqlServer:Include", new[] { "TotalAmount", "DuplicateOfContractId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_IsLocal_Field",
                table: "Contracts",
                columns: new[] { "Year", "IsLocal", "Field" })
                .Annotation("SqlServer:Include", new[] { "TotalAmount", "AchievementId", "DuplicateOfContractId" });

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
                .Annotation("SqlServer:Include", new[] { "IsLocal", "TotalAmount", "Category", "TransformationMode" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_Field",
                table: "Contracts",
                columns: new[] { "Year", "Field" })
                .Annotation("SqlServer:Include", new[] { "TotalAmount" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_IsLocal_Field",
                table: "Contracts",
                columns: new[] { "Year", "IsLocal", "Field" })
                .Annotation("SqlServer:Include", new[] { "TotalAmount", "AchievementId" });
        }
    }
}
