namespace TechTransfer.Match.Web.Domain;

public sealed class Organisation : MutableEntity
{
    public OrganisationKind Kind { get; set; }
    public InstitutionType? InstitutionType { get; set; }
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    /// <summary>统一社会信用代码, 18 characters, when known.</summary>
    public string? CreditCode { get; set; }
    /// <summary>GB/T 2260 six-digit administrative division code.</summary>
    public string RegionCode { get; set; } = "";
    public string RegionName { get; set; } = "";
    public string? Industry { get; set; }
    public VerificationStatus Verification { get; set; } = VerificationStatus.Pending;
    /// <summary>The nature code of the registry row that created this organisation as a draft (what the file said), else null.</summary>
    public string? RecordedNatureCode { get; set; }

    /// <summary>Seller-nature code of technology-contract statistics: 0221 university, 0211 research institute.</summary>
    public string? NatureCode => InstitutionType switch
    {
        Domain.InstitutionType.University => "0221",
        Domain.InstitutionType.ResearchInstitute => "0211",
        _ => null,
    };

    public bool IsVerified => Verification == VerificationStatus.Verified;
}

public sealed class MembershipRequest : Entity, IHasActiveKey
{
    public Guid UserId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? Message { get; set; }
    public MembershipStatus Status { get; set; } = MembershipStatus.Pending;
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>The user while the request is pending: one pending request per person.</summary>
    public Guid? PendingUserId { get; set; }

    public void RefreshActiveKey() => PendingUserId = Status == MembershipStatus.Pending ? UserId : null;
}

/// <summary>
/// Another name an organisation is known by (a registry's spelling, a merged organisation's name): imports match
/// a party by it after the credit code and the exact name. One organisation per normalised name.
/// </summary>
public sealed class OrganisationAlias : Entity
{
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string Name { get; set; } = "";
    /// <summary><see cref="OrganisationNames.Normalise"/> of the name: the unique key.</summary>
    public string NormalisedName { get; set; } = "";
}

public static class OrganisationNames
{
    /// <summary>
    /// The name as compared for aliases: NFKC (full-width letters, digits and brackets as half-width), without
    /// white space, lower case. 大连理工大学（盘锦校区） and 大连理工大学 (盘锦校区) are one name.
    /// </summary>
    public static string Normalise(string name)
    {
        var folded = name.Normalize(System.Text.NormalizationForm.FormKC);
        return string.Concat(folded.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
    }
}

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 0-9 and the capitals
/// without I, O, Z, S, V; the 18th is a check character over the first 17.
/// </summary>
public static class CreditCodes
{
    /// <summary>The message for a code whose check character is wrong (placeholder: the code); shared by every rule that checks it.</summary>
    public const string CheckFailedMessage =
        "The unified social credit code \"{0}\" fails its check character (GB 32100-2015): a character is mistyped or does not belong in a credit code.";

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character for the first 17 characters, or null when one of them is outside the code's alphabet.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0)
            {
                return null;
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>18 characters of the alphabet whose last is the check character of the others.</summary>
    public static bool IsValid(string? code) =>
        code is { Length: 18 } && CheckCharacter(code.AsSpan(0, 17)) is { } check && code[17] == check;

    /// <summary>The first 17 characters followed by their check character (tests and demo data build codes with it).</summary>
    public static string Complete(string first17) =>
        first17 + (CheckCharacter(first17) ?? throw new ArgumentException("Not 17 characters of the credit code alphabet.", nameof(first17)));
}
