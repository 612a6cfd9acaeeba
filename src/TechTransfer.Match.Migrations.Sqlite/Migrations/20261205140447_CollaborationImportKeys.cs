using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CollaborationImportKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ValidationProjects_InstitutionId",
                table: "ValidationProjects");

            migrationBuilder.DropIndex(
                name: "IX_SpinOffs_InstitutionId",
                table: "SpinOffs");

            migrationBuilder.AddColumn<decimal>(
                name: "Budget",
                table: "ValidationProjects",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ValidationProjects_InstitutionId_Name",
                table: "ValidationProjects",
                columns: new[] { "InstitutionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpinOffs_InstitutionId_EnterpriseId",
                table: "SpinOffs",
                columns: new[] { "InstitutionId", "EnterpriseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JointRdInstitutions_InstitutionId_Name",
                table: "JointRdInstitutions",
                columns: new[] { "InstitutionId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ValidationProjects_InstitutionId_Name",
                table: "ValidationProjects");

            migrationBuilder.DropIndex(
                name: "IX_SpinOffs_InstitutionId_EnterpriseId",
                table: "SpinOffs");

            migrationBuilder.DropIndex(
                name: "IX_JointRdInstitutions_InstitutionId_Name",
                table: "JointRdInstitutions");

            migrationBuilder.DropColumn(
                name: "Budget",
                table: "ValidationProjects");

            migrationBuilder.CreateIndex(
                name: "IX_ValidationProjects_InstitutionId",
                table: "ValidationProjects",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_SpinOffs_InstitutionId",
                table: "SpinOffs",
                column: "InstitutionId");
        }
    }
}
