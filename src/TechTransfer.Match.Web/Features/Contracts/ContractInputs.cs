using FluentValidation;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// The fields of a technology contract as a bureau analyst or technology manager writes them. Organisation
/// nature and region codes default to the organisations' own; from a deal the parties come from the deal.
/// </summary>
public sealed record ContractInput(
    string? RegistrationNumber,
    string ProjectName,
    ContractCategory Category,
    TransformationMode TransformationMode,
    Guid? SellerOrganisationId,
    string? SellerNatureCode,
    string? SellerRegionCode,
    Guid? BuyerOrganisationId,
    string? BuyerNatureCode,
    string? BuyerRegionCode,
    TechnicalField Field,
    decimal TotalAmount,
    decimal TechnologyIncome,
    DateOnly SignedOn,
    DateOnly? RegisteredOn,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int? TrialPeriodMonths,
    Guid? BrokerUserId,
    Guid? DealId) : IContractTerms;

/// <summary>
/// The terms every way of writing a contract carries: the form (<see cref="ContractInput"/>) and a row of a
/// registration file (Import/ContractRow). <see cref="ContractTermsValidator{T}"/> holds their rules.
/// </summary>
public interface IContractTerms
{
    string? RegistrationNumber { get; }
    string ProjectName { get; }
    ContractCategory Category { get; }
    TransformationMode TransformationMode { get; }
    string? SellerNatureCode { get; }
    string? SellerRegionCode { get; }
    string? BuyerNatureCode { get; }
    string? BuyerRegionCode { get; }
    TechnicalField Field { get; }
    decimal TotalAmount { get; }
    decimal TechnologyIncome { get; }
    DateOnly SignedOn { get; }
    DateOnly? ValidFrom { get; }
    DateOnly? ValidTo { get; }
    int? TrialPeriodMonths { get; }
}

/// <summary>
/// The contract rules: one set, applied to a recorded or proposed contract (<see cref="ContractInputValidator"/>)
/// and to each row of an import (Import/ContractRowValidator). Codes are checked when given: the form falls back
/// to the organisation's own, the import requires the columns its file must have.
/// </summary>
public abstract class ContractTermsValidator<T> : AbstractValidator<T>
    where T : IContractTerms
{
    protected ContractTermsValidator()
    {
        RuleFor(x => x.RegistrationNumber).Matches("^[0-9]{16}$").When(x => !string.IsNullOrEmpty(x.RegistrationNumber))
            .WithMessage("A registration number is 16 digits.");
        RuleFor(x => x.ProjectName).NotEmpty().MaximumLength(300);
        RuleFor(x => x.Category).IsInEnum();
        RuleFor(x => x.TransformationMode).IsInEnum();
        RuleFor(x => x.Field).IsInEnum();
        RuleFor(x => x.SellerNatureCode).Matches("^[0-9]{4}$").When(x => !string.IsNullOrEmpty(x.SellerNatureCode)).WithMessage("A nature code is 4 digits.");
        RuleFor(x => x.BuyerNatureCode).Matches("^[0-9]{4}$").When(x => !string.IsNullOrEmpty(x.BuyerNatureCode)).WithMessage("A nature code is 4 digits.");
        RuleFor(x => x.SellerRegionCode).Matches("^[0-9]{6}$").When(x => !string.IsNullOrEmpty(x.SellerRegionCode)).WithMessage("A region code is 6 digits (GB/T 2260).");
        RuleFor(x => x.BuyerRegionCode).Matches("^[0-9]{6}$").When(x => !string.IsNullOrEmpty(x.BuyerRegionCode)).WithMessage("A region code is 6 digits (GB/T 2260).");
        // The income is compared with a valid total only, so a wrong (or, in a file, unreadable) total is one problem, not two.
        RuleFor(x => x.TotalAmount).GreaterThan(0).LessThan(1e13m)
            .DependentRules(() => RuleFor(x => x.TechnologyIncome).LessThanOrEqualTo(x => x.TotalAmount)
                .WithMessage("The technology income cannot exceed the total amount."));
        RuleFor(x => x.TechnologyIncome).GreaterThanOrEqualTo(0);
        RuleFor(x => x.SignedOn).GreaterThan(new DateOnly(1985, 1, 1));
        RuleFor(x => x.ValidTo).GreaterThanOrEqualTo(x => x.ValidFrom).When(x => x.ValidFrom is not null && x.ValidTo is not null)
            .WithMessage("The validity ends after it starts.");
        RuleFor(x => x.TrialPeriodMonths).InclusiveBetween(1, 60);
    }
}

/// <summary>The contract rules, and what only a form says: the parties (unless a deal names them) and the registration date.</summary>
public sealed class ContractInputValidator : ContractTermsValidator<ContractInput>
{
    public ContractInputValidator()
    {
        RuleFor(x => x.SellerOrganisationId).NotNull().When(x => x.DealId is null).WithMessage("Name the seller organisation.");
        RuleFor(x => x.BuyerOrganisationId).NotNull().When(x => x.DealId is null).WithMessage("Name the buyer organisation.");
        // Not a rule of imports: the registry's own dates are kept as registered, and ContractQuality lists them.
        RuleFor(x => x.RegisteredOn).GreaterThanOrEqualTo(x => x.SignedOn).When(x => x.RegisteredOn is not null)
            .WithMessage("A contract is registered on or after the day it is signed.");
    }
}
