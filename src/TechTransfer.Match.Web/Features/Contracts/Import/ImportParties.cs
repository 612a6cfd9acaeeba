using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>An organisation an import creates as a draft, as its first row described it (the report's "organisations to be created").</summary>
public sealed record ImportOrganisation(
    int Row, string Side, string Name, string? CreditCode, string? NatureCode, string RegionCode, OrganisationKind Kind,
    InstitutionType? InstitutionType, bool ToBeConfirmed);

/// <summary>
/// The parties of an import's rows: matched by unified social credit code, then by exact Chinese name, then by a stored
/// alias (<see cref="OrganisationAlias"/>, compared normalised); a party none of these finds is created as a draft
/// (<see cref="VerificationStatus.Draft"/>) carrying what its first row said, for an administrator to confirm or merge.
/// A draft's kind follows the row's nature code (0221 university, 0211 research institute, 03xx enterprise); without
/// one, the kind the row's kind column states; else <see cref="OrganisationKind.Unknown"/>, listed as to be confirmed.
/// </summary>
internal sealed class ImportParties(AppDbContext db)
{
    public const int MaxListed = 1000;

    private readonly Dictionary<string, Guid> _byCreditCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Guid> _byName = new(StringComparer.Ordinal);
    private readonly List<ImportOrganisation> _drafts = [];

    /// <summary>The drafts created so far (the first <see cref="MaxListed"/>).</summary>
    public IReadOnlyList<ImportOrganisation> Drafts => _drafts;

    /// <summary>The organisation of a party already resolved by <see cref="ResolveAsync"/>.</summary>
    public Guid Of(string? creditCode, string name) =>
        creditCode is not null && _byCreditCode.TryGetValue(creditCode, out var id) ? id : _byName[name];

    /// <summary>The organisation of a party, when <see cref="ResolveAsync(IEnumerable{ImportPartyRef}, bool, CancellationToken)"/> found or drafted it.</summary>
    public bool TryOf(string? creditCode, string name, out Guid id) =>
        (creditCode is not null && _byCreditCode.TryGetValue(creditCode, out id)) || _byName.TryGetValue(name, out id);

    /// <summary>Resolves the rows' parties not seen yet; answers how many drafts it added to the context.</summary>
    public Task<int> ResolveAsync(List<ContractRow> rows, CancellationToken ct) =>
        ResolveAsync(rows.SelectMany(r => new[]
        {
            new ImportPartyRef(r.Number, "seller", r.SellerName, r.SellerCreditCode, r.SellerNatureCode, r.SellerRegionCode, r.SellerKind),
            new ImportPartyRef(r.Number, "buyer", r.BuyerName, r.BuyerCreditCode, r.BuyerNatureCode, r.BuyerRegionCode, r.BuyerKind),
        }), draftUnknown: true, ct);

    /// <summary>
    /// Resolves parties not seen yet; an unknown one is drafted when <paramref name="draftUnknown"/>, else left
    /// unresolved (<see cref="TryOf"/> says so). Answers how many drafts it added to the context.
    /// </summary>
    public async Task<int> ResolveAsync(IEnumerable<ImportPartyRef> parties, bool draftUnknown, CancellationToken ct)
    {
        var wanted = parties
            .Where(p => !(p.Code is not null && _byCreditCode.ContainsKey(p.Code)) && !_byName.ContainsKey(p.Name))
            .ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }

        if (draftUnknown)
        {
            // Two imports naming the same new party at once: the second waits here for the first to commit, then finds
            // the first's draft instead of drafting a second organisation of that name.
            await db.LockOrganisationDraftingAsync(ct);
        }

        var codes = wanted.Where(w => w.Code is not null).Select(w => w.Code!).Distinct().ToList();
        var names = wanted.Select(w => w.Name).Distinct().ToList();
        var known = await db.Organisations.AsNoTracking()
            .Where(o => (o.CreditCode != null && codes.Contains(o.CreditCode)) || names.Contains(o.NameZh))
            .Select(o => new { o.Id, o.CreditCode, o.NameZh })
            .ToListAsync(ct);
        foreach (var o in known.Where(o => o.CreditCode is not null))
        {
            _byCreditCode[o.CreditCode!] = o.Id;
        }

        foreach (var o in known.OrderBy(o => o.Id))
        {
            _byName.TryAdd(o.NameZh, o.Id);
        }

        var normalised = names.Where(n => !_byName.ContainsKey(n)).ToDictionary(n => n, OrganisationNames.Normalise);
        var keys = normalised.Values.Distinct().ToList();
        var aliases = await db.OrganisationAliases.AsNoTracking()
            .Where(a => keys.Contains(a.NormalisedName))
            .ToDictionaryAsync(a => a.NormalisedName, a => a.OrganisationId, ct);

        var created = 0;
        foreach (var w in wanted)
        {
            if (w.Code is not null && _byCreditCode.TryGetValue(w.Code, out var byCode))
            {
                _byName.TryAdd(w.Name, byCode);
                continue;
            }

            if (_byName.TryGetValue(w.Name, out var byName))
            {
                if (w.Code is not null)
                {
                    _byCreditCode.TryAdd(w.Code, byName);
                }

                continue;
            }

            if (aliases.TryGetValue(normalised[w.Name], out var byAlias))
            {
                _byName[w.Name] = byAlias;
                continue;
            }

            if (!draftUnknown)
            {
                continue;
            }

            var organisation = Draft(w);
            db.Organisations.Add(organisation);
            if (w.Code is not null)
            {
                _byCreditCode[w.Code] = organisation.Id;
            }

            _byName[w.Name] = organisation.Id;
            created++;
            if (_drafts.Count < MaxListed)
            {
                _drafts.Add(new ImportOrganisation(w.Row, w.Side, w.Name, w.Code, w.Nature.Length == 0 ? null : w.Nature, w.Region,
                    organisation.Kind, organisation.InstitutionType, organisation.Kind == OrganisationKind.Unknown));
            }
        }

        return created;
    }

    private static Organisation Draft(ImportPartyRef p)
    {
        var (kind, type) = KindOf(p.Nature) ?? p.Kind ?? (OrganisationKind.Unknown, null);
        return new Organisation
        {
            Kind = kind,
            InstitutionType = type,
            NameZh = p.Name,
            CreditCode = p.Code,
            RegionCode = p.Region,
            RegionName = RegionNames.FullName(p.Region) ?? "",
            RecordedNatureCode = p.Nature.Length == 0 ? null : p.Nature,
            Verification = VerificationStatus.Draft,
        };
    }

    /// <summary>The kind a registry nature code names, or null when the code says nothing the platform classifies.</summary>
    public static (OrganisationKind Kind, InstitutionType? Type)? KindOf(string? nature) => nature switch
    {
        "0221" => (OrganisationKind.Institution, InstitutionType.University),
        "0211" => (OrganisationKind.Institution, InstitutionType.ResearchInstitute),
        { Length: 4 } n when n.StartsWith("03", StringComparison.Ordinal) => (OrganisationKind.Enterprise, null),
        _ => null,
    };
}

/// <summary>A party as an import row names it: credit code, name, and what a draft of it would carry (nature, region, kind).</summary>
public sealed record ImportPartyRef(int Row, string Side, string Name, string? Code, string Nature, string Region, (OrganisationKind, InstitutionType?)? Kind);
