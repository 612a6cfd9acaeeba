using FluentValidation;
using System.Linq.Expressions;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Features.Organisations;

public sealed record OrganisationView(
    Guid Id, OrganisationKind Kind, InstitutionType? InstitutionType, string? NatureCode, string NameZh, string NameEn,
    string? CreditCode, string RegionCode, string RegionName, string? Industry, VerificationStatus Verification, long Version)
{
    public static readonly Expression<Func<Organisation, OrganisationView>> Projection = o => new OrganisationView(
        o.Id, o.Kind, o.InstitutionType,
        o.InstitutionType == Domain.InstitutionType.University ? "0221" : o.InstitutionType == Domain.InstitutionType.ResearchInstitute ? "0211" : null,
        o.NameZh, o.NameEn, o.CreditCode, o.RegionCode, o.RegionName, o.Industry, o.Verification, o.Version);

    private static readonly Func<Organisation, OrganisationView> Compiled = Projection.Compile();

    public static OrganisationView From(Organisation o) => Compiled(o);
}

public sealed record OrganisationInput(
    OrganisationKind Kind, InstitutionType? InstitutionType, string NameZh, string? NameEn, string? CreditCode,
    string RegionCode, string RegionName, string? Industry) : IKindChoice;

public sealed class OrganisationInputValidator : FluentValidation.AbstractValidator<OrganisationInput>
{
    public OrganisationInputValidator()
    {
        Include(new KindChoiceValidator());
        RuleFor(x => x.NameZh).NotEmpty().MaximumLength(200);
        RuleFor(x => x.NameEn).MaximumLength(300);
        RuleFor(x => x.CreditCode).Matches("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")
            .When(x => !string.IsNullOrEmpty(x.CreditCode))
            .WithMessage("A unified social credit code has 18 characters: digits and upper-case letters except I, O, Z, S, V.");
        // As in imports: a mistyped code would never match the registry's rows and would split the organisation's figures.
        RuleFor(x => x.CreditCode).Must(CreditCodes.IsValid)
            .When(x => x.CreditCode is { Length: 18 } code && code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
            .WithMessage(x => ValidationText.Format(CreditCodes.CheckFailedMessage, x.CreditCode));
        RuleFor(x => x.RegionCode).Must(RegionCodes.IsWellFormed)
            .WithMessage("Region code must be a six-digit GB/T 2260 code, e.g. 210211.");
        RuleFor(x => x.RegionName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Industry).MaximumLength(100);
    }
}

public static class RegionCodes
{
    /// <summary>Six digits whose first two name a province-level division (11 Beijing .. 82 Macao).</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit) && int.Parse(code.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture) is >= 11 and <= 82;
}
