using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace TechTransfer.Match.Web.Features.Portal;

/// <summary>
/// What every page shows about the site itself: the operator in the request's language, contact and filing numbers,
/// and — in Development with demo data only — the demo accounts' password, so no other deployment hints at it.
/// </summary>
public sealed record GetPortal : IQuery<PortalView>;

public sealed record PortalView(string? Operator, string? ContactEmail, string? ContactPhone, string? FilingNumber,
    string? PublicSecurityFilingNumber, string? DemoPassword);

public sealed class GetPortalHandler(IOptions<PortalOptions> options, IHostEnvironment environment, IConfiguration configuration)
    : IQueryHandler<GetPortal, PortalView>
{
    public ValueTask<PortalView> Handle(GetPortal query, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var chinese = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";
        var demo = environment.IsDevelopment() && configuration.GetValue<bool>("Seed:Demo") ? configuration["Seed:DemoPassword"] : null;
        return ValueTask.FromResult(new PortalView(
            Blank(chinese ? o.OperatorZh ?? o.OperatorEn : o.OperatorEn ?? o.OperatorZh),
            Blank(o.ContactEmail), Blank(o.ContactPhone), Blank(o.FilingNumber), Blank(o.PublicSecurityFilingNumber), Blank(demo)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static async Task<Ok<PortalView>> Endpoint(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetPortal(), ct));
}
