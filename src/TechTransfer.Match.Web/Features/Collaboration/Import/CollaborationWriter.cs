using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Collaboration.Import;

/// <summary>
/// Puts checked rows into the context by their natural key: a new key is inserted, a known one updated when a column
/// differs, else left alone. Nothing is saved here: the command's transaction saves all rows or none, and the unique
/// indexes on the keys make a concurrent import of the same file fail (409) rather than write it twice.
/// </summary>
internal sealed class CollaborationWriter(AppDbContext db, CollaborationImportKind kind)
{
    public async Task<(int Inserted, int Updated, int Unchanged)> WriteAsync(
        IReadOnlyList<(CollaborationRow Row, Guid Institution, IReadOnlyList<Guid> Partners)> rows, CancellationToken ct)
    {
        var owners = rows.Select(r => r.Institution).Distinct().ToList();
        int inserted = 0, updated = 0, unchanged = 0;
        void Count(bool isNew, bool changed) => _ = isNew ? inserted++ : changed ? updated++ : unchanged++;
        switch (kind)
        {
            case CollaborationImportKind.JointInstitutions:
                var joint = await db.JointRdInstitutions.Where(j => owners.Contains(j.InstitutionId)).ToDictionaryAsync(j => (j.InstitutionId, j.Name), ct);
                foreach (var (row, owner, partners) in rows)
                {
                    var input = row.Joint!;
                    var isNew = !joint.TryGetValue((owner, input.Name.Trim()), out var record);
                    record ??= db.JointRdInstitutions.Add(new JointRdInstitution { InstitutionId = owner, Name = input.Name.Trim() }).Entity;
                    var ids = partners.Distinct().ToList();
                    var changed = !record.PartnerOrganisationIds.SequenceEqual(ids) || record.EstablishedOn != input.EstablishedOn || record.Status != input.Status;
                    (record.PartnerOrganisationIds, record.EstablishedOn, record.Status) = (ids, input.EstablishedOn, input.Status);
                    Count(isNew, changed);
                }

                break;
            case CollaborationImportKind.SpinOffs:
                var spinOffs = await db.SpinOffs.Where(s => owners.Contains(s.InstitutionId)).ToDictionaryAsync(s => (s.InstitutionId, s.EnterpriseId), ct);
                foreach (var (row, owner, partners) in rows)
                {
                    var input = row.SpinOff!;
                    var isNew = !spinOffs.TryGetValue((owner, partners[0]), out var record);
                    record ??= db.SpinOffs.Add(new SpinOff { InstitutionId = owner, EnterpriseId = partners[0] }).Entity;
                    var changed = record.Relation != input.Relation || record.Date != input.Date;
                    (record.Relation, record.Date) = (input.Relation, input.Date);
                    Count(isNew, changed);
                }

                break;
            default:
                var projects = await db.ValidationProjects.Where(p => owners.Contains(p.InstitutionId)).ToDictionaryAsync(p => (p.InstitutionId, p.Name), ct);
                foreach (var (row, owner, _) in rows)
                {
                    var input = row.Project!;
                    var isNew = !projects.TryGetValue((owner, input.Name.Trim()), out var record);
                    record ??= db.ValidationProjects.Add(new ValidationProject { InstitutionId = owner, Name = input.Name.Trim() }).Entity;
                    var platform = input.Platform?.Trim();
                    var changed = record.AchievementId != input.AchievementId || record.Kind != input.Kind || record.Platform != platform
                        || record.TrlBefore != input.TrlBefore || record.TrlAfter != input.TrlAfter || record.StartedOn != input.StartedOn
                        || record.CompletedOn != input.CompletedOn || record.Status != input.Status || record.Budget != input.Budget;
                    (record.AchievementId, record.Kind, record.Platform, record.TrlBefore, record.TrlAfter) = (input.AchievementId, input.Kind, platform, input.TrlBefore, input.TrlAfter);
                    (record.StartedOn, record.CompletedOn, record.Status, record.Budget) = (input.StartedOn, input.CompletedOn, input.Status, input.Budget);
                    Count(isNew, changed);
                }

                break;
        }

        return (inserted, updated, unchanged);
    }
}
