using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddIndicatorCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contracts_DealId",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_SellerOrganisationId",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Year_Field",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Year_SellerOrganisationId",
                table: "Contracts");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_DealId",
                table: "Contracts",
                column: "DealId",
                filter: "\"DealId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_SellerOrganisationId_Year",
                table: "Contracts",
                columns: new[] { "SellerOrganisationId", "Year", "IsLocal", "TotalAmount", "Category", "TransformationMode" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_Field",
                table: "Contracts",
                columns: new[] { "Year", "Field", "TotalAmount" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_IsLocal_Field",
                table: "Contracts",
                columns: new[] { "Year", "IsLocal", "Field", "TotalAmount", "AchievementId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contracts_DealId",
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

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_DealId",
                table: "Contracts",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_SellerOrganisationId",
                table: "Contracts",
                column: "SellerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_Field",
                table: "Contracts",
                columns: new[] { "Year", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_SellerOrganisationId",
                table: "Contracts",
                columns: new[] { "Year", "SellerOrganisationId" });
        }
    }
}
