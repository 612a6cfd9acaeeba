using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SimulationStampsAndIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContractYearStamps",
                columns: table => new
                {
                    Year = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractYearStamps", x => x.Year);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_BuyerOrganisationId_Year",
                table: "Contracts",
                columns: new[] { "BuyerOrganisationId", "Year" })
                .Annotation("SqlServer:Include", new[] { "DuplicateOfContractId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Year_SellerOrganisationId",
                table: "Contracts",
                columns: new[] { "Year", "SellerOrganisationId" })
                .Annotation("SqlServer:Include", new[] { "DuplicateOfContractId", "IsLocal", "Field", "Category", "TransformationMode", "TotalAmount", "TechnologyIncome", "BuyerOrganisationId", "BrokerUserId", "SignedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContractYearStamps");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_BuyerOrganisationId_Year",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Year_SellerOrganisationId",
                table: "Contracts");
        }
    }
}
