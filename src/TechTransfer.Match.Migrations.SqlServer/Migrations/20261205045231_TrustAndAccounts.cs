using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechTransfer.Match.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TrustAndAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contracts_DealId",
                table: "Contracts");

            migrationBuilder.AddColumn<Guid>(
                name: "PendingUserId",
                table: "MembershipRequests",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActiveKey",
                table: "Interests",
                type: "nvarchar(140)",
                maxLength: 140,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OpenProposalId",
                table: "Deals",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "AspNetUsers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAt",
                table: "AspNetUsers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Action = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    TargetType = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TargetId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Details = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    IpAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContractProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DealId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Input = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    ProposedByOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ConfirmingOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RejectReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ContractId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    PendingDealId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractProposals_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Disclosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ListingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IsAchievement = table.Column<bool>(type: "bit", nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ViewerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ViewerOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Fields = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    BasisId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disclosures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AvailableAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    LockedUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LockedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ProcessedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RefreshedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RefreshGeneration = table.Column<int>(type: "int", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedReason = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    IpAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxDeliveries",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Handler = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxDeliveries", x => new { x.MessageId, x.Handler });
                    table.ForeignKey(
                        name: "FK_OutboxDeliveries_OutboxMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MembershipRequests_PendingUserId",
                table: "MembershipRequests",
                column: "PendingUserId",
                unique: true,
                filter: "[PendingUserId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Interests_ActiveKey",
                table: "Interests",
                column: "ActiveKey",
                unique: true,
                filter: "[ActiveKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_OpenProposalId",
                table: "Deals",
                column: "OpenProposalId",
                unique: true,
                filter: "[OpenProposalId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_DealId",
                table: "Contracts",
                column: "DealId",
                unique: true,
                filter: "[DealId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_ActorUserId_At",
                table: "AuditLog",
                columns: new[] { "ActorUserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_At",
                table: "AuditLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_TargetId_At",
                table: "AuditLog",
                columns: new[] { "TargetId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ContractProposals_ConfirmingOrganisationId_Status",
                table: "ContractProposals",
                columns: new[] { "ConfirmingOrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ContractProposals_DealId",
                table: "ContractProposals",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_ContractProposals_PendingDealId",
                table: "ContractProposals",
                column: "PendingDealId",
                unique: true,
                filter: "[PendingDealId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Disclosures_ListingId_At",
                table: "Disclosures",
                columns: new[] { "ListingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Disclosures_OwnerOrganisationId_At",
                table: "Disclosures",
                columns: new[] { "OwnerOrganisationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ProcessedAt_AvailableAt",
                table: "OutboxMessages",
                columns: new[] { "ProcessedAt", "AvailableAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_CreatedAt",
                table: "UserSessions",
                columns: new[] { "UserId", "CreatedAt" });

            // The consent reveals become disclosures: one log of who saw which consent-gated fields.
            migrationBuilder.Sql(@"INSERT INTO [Disclosures] ([Id], [At], [ListingId], [IsAchievement], [OwnerOrganisationId], [ViewerUserId], [ViewerOrganisationId], [Fields], [Reason], [BasisId])
SELECT r.[Id], r.[CreatedAt], COALESCE(i.[AchievementId], i.[NeedId], i.[Id]), CAST(CASE WHEN i.[AchievementId] IS NOT NULL THEN 1 ELSE 0 END AS bit),
       r.[RevealedOrganisationId], r.[ViewerUserId], r.[ViewerOrganisationId], r.[Fields], 'consent', r.[InterestId]
FROM [ConsentReveals] r JOIN [Interests] i ON i.[Id] = r.[InterestId];");

            migrationBuilder.DropTable(
                name: "ConsentReveals");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropTable(
                name: "ContractProposals");

            migrationBuilder.DropTable(
                name: "Disclosures");

            migrationBuilder.DropTable(
                name: "OutboxDeliveries");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_MembershipRequests_PendingUserId",
                table: "MembershipRequests");

            migrationBuilder.DropIndex(
                name: "IX_Interests_ActiveKey",
                table: "Interests");

            migrationBuilder.DropIndex(
                name: "IX_Deals_OpenProposalId",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_DealId",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "PendingUserId",
                table: "MembershipRequests");

            migrationBuilder.DropColumn(
                name: "ActiveKey",
                table: "Interests");

            migrationBuilder.DropColumn(
                name: "OpenProposalId",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "AspNetUsers");

            migrationBuilder.CreateTable(
                name: "ConsentReveals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Fields = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    InterestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RevealedOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ViewerOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ViewerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentReveals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentReveals_Interests_InterestId",
                        column: x => x.InterestId,
                        principalTable: "Interests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_DealId",
                table: "Contracts",
                column: "DealId",
                filter: "[DealId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentReveals_InterestId",
                table: "ConsentReveals",
                column: "InterestId");
        }
    }
}
