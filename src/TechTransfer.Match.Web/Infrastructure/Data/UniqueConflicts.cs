using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TechTransfer.Match.Web.Infrastructure.Data;

/// <summary>
/// Turns a unique-index violation into the business conflict it stands for. "At most one X per Y"
/// rules are unique indexes (a check-then-insert loses races under READ COMMITTED); when two requests
/// race, the database refuses the second and this names what it clashed with, for a 409.
/// </summary>
public static class UniqueConflicts
{
    /// <summary>Codes and messages for the indexes users can run into; any other unique index gets a generic one.</summary>
    private static readonly Dictionary<string, (string Code, string Message)> Known = new(StringComparer.Ordinal)
    {
        ["IX_Contracts_DealId"] = ("contract_exists", "A contract is already recorded for this deal."),
        ["IX_PendingContracts_DealId"] = ("contract_exists", "A contract is already recorded for this deal."),
        ["IX_Contracts_RegistrationNumber"] = ("duplicate_registration_number", "A contract with this registration number is already recorded."),
        ["IX_Interests_ActiveKey"] = ("already_interested", "Your organisation has already expressed interest in this record."),
        ["IX_Deals_InterestId"] = ("deal_exists", "A deal is already open for this interest."),
        ["IX_Deals_OpenProposalId"] = ("deal_exists", "A deal is already open for this proposal."),
        ["IX_Deals_OpenAchievementId_OpenNeedId"] = ("deal_exists", "A deal is already open for this pair."),
        ["IX_Organisations_CreditCode"] = ("duplicate_credit_code", "An organisation with this unified social credit code is already registered."),
        ["IX_OrganisationAliases_NormalisedName"] = ("duplicate_alias", "This name is already an alias of an organisation."),
        ["UserNameIndex"] = ("duplicate_email", "An account with this email already exists."),
        ["IX_MembershipRequests_ActiveKey"] = ("already_requested", "A membership request is already pending."),
        ["IX_MatchProposals_AchievementId_NeedId"] = ("proposal_exists", "This pair is already proposed."),
        ["IX_TechnologyManagerProfiles_UserId"] = ("profile_exists", "The profile already exists."),
        ["IX_JointRdInstitutions_InstitutionId_Name"] = ("collaboration_record_exists", "The institution already has a record of this name."),
        ["IX_ValidationProjects_InstitutionId_Name"] = ("collaboration_record_exists", "The institution already has a record of this name."),
        ["IX_SpinOffs_InstitutionId_EnterpriseId"] = ("collaboration_record_exists", "The institution already has a record of this enterprise."),
        ["IX_CallProposals_WinnerOfCallId"] = ("call_has_winner", "The call already has a winner."),
        ["IX_CallProposals_CallId_OrganisationId"] = ("proposal_submitted", "Your organisation has already submitted a proposal to this call."),
        ["IX_CallReviewers_CallId_UserId"] = ("reviewer_assigned", "The reviewer is already assigned to this call."),
        ["IX_CallNeeds_CallId_NeedId"] = ("need_in_call", "The need is already proposed for this call."),
        ["IX_CallScores_ProposalId_ReviewerUserId"] = ("already_scored", "You have already scored this proposal; send the version you read to change it."),
        ["IX_ValidationApplications_CentreId_Slot"] = ("capacity_full", "The centre has no free capacity."),
        ["IX_ValidationApplications_OpenCentreId_AchievementId"] = ("validation_open", "The achievement already has an open application at this centre."),
        ["IX_ValidationCentres_Name"] = ("duplicate_centre", "A centre of this name is already registered."),
        ["IX_GuidelineTopics_Year_Title"] = ("duplicate_topic", "The year's guidelines already have a topic of this title."),
        ["IX_QualityDismissals_Code_Key"] = ("already_dismissed", "This finding was already dismissed."),
        ["IX_IncentiveSchemeRevisions_SchemeId_Number"] = ("stale_version", "The record was changed by someone else since you read it. Reload it and apply your change again."),
        ["IX_InstitutionTargets_InstitutionId_Year"] = ("target_exists", "The institution already has a target for this year."),
        ["IX_IncentiveEntitlements_SchemeId_Period_BeneficiaryId"] = ("entitlements_computed", "The period's entitlements were computed by someone else at the same time; reload them."),
        ["IX_RiskClaims_SchemeId_OpenTrialId"] = ("claim_exists", "This trial already has an open claim under this scheme."),
        ["IX_RiskClaims_SchemeId_OpenContractId"] = ("claim_exists", "This contract already has an open claim under this scheme."),
        ["IX_IntermediaryFilings_ActiveOrganisationId"] = ("filing_exists", "The organisation already has an active filing."),
        ["IX_IntermediaryFilings_FilingNumber"] = ("duplicate_filing_number", "Another filing already has this filing number."),
    };

    /// <summary>The violated unique index of the model, when the exception is one; null for any other fault.</summary>
    public static (string Code, string Message)? Describe(DbUpdateException exception, IModel model)
    {
        if (exception.InnerException is not DbException db)
        {
            return null;
        }

        var index = FindIndex(db, model);
        if (index is null && !IsUniqueViolation(db))
        {
            return null;
        }

        var name = index?.GetDatabaseName();
        return name is not null && Known.TryGetValue(name, out var known)
            ? known
            : ("duplicate", "A record with the same key already exists.");
    }

    private static bool IsUniqueViolation(DbException db) => db.GetType().Name switch
    {
        "PostgresException" => db.SqlState == "23505",
        "SqliteException" => db.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal),
        "SqlException" => db.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static IReadOnlyIndex? FindIndex(DbException db, IModel model)
    {
        var indexes = model.GetEntityTypes().SelectMany(t => t.GetIndexes()).Where(i => i.IsUnique).ToList();
        switch (db.GetType().Name)
        {
            case "PostgresException" when db.SqlState == "23505":
            {
                var constraint = db.GetType().GetProperty("ConstraintName")?.GetValue(db) as string;
                return indexes.FirstOrDefault(i => i.GetDatabaseName() == constraint);
            }

            case "SqliteException" when db.Message.Contains("UNIQUE constraint failed: ", StringComparison.Ordinal):
            {
                // "UNIQUE constraint failed: Contracts.DealId, ..." names the table and columns, not the index.
                var columns = db.Message[(db.Message.IndexOf("failed: ", StringComparison.Ordinal) + 8)..]
                    .TrimEnd('.', '\'', ' ').Split(", ").Select(c => c.Trim()).ToList();
                return indexes.FirstOrDefault(i =>
                {
                    var table = i.DeclaringEntityType.GetTableName();
                    return i.Properties.Count == columns.Count
                        && i.Properties.Select(p => $"{table}.{p.GetColumnName()}").SequenceEqual(columns);
                });
            }

            case "SqlException":
                // "Cannot insert duplicate key row in object 'dbo.Contracts' with unique index 'IX_Contracts_DealId'."
                return indexes.FirstOrDefault(i => i.GetDatabaseName() is { } n && db.Message.Contains($"'{n}'", StringComparison.Ordinal));
            default:
                return null;
        }
    }
}
