using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Web.Features.Notifications;

/// <summary>The kind a mail link turned back to the app only (<see cref="NotificationKind.Digest"/>: the whole digest e-mail).</summary>
public sealed record UnsubscribedView(NotificationKind Kind);

/// <summary>
/// The one-click unsubscribe of every notification e-mail (RFC 8058: the mail's List-Unsubscribe URL, POSTed by
/// the mail client, or the link in its text through the web page): no sign-in, the signed token names the person
/// and the kind, which goes back to the app only. Repeating it changes nothing; an altered token is a 400.
/// </summary>
public sealed record UnsubscribeByMail(string Token) : ICommand<Result<UnsubscribedView>>;

public sealed class UnsubscribeByMailValidator : AbstractValidator<UnsubscribeByMail>
{
    public UnsubscribeByMailValidator() => RuleFor(x => x.Token).NotEmpty().MaximumLength(1000);
}

public sealed class UnsubscribeByMailHandler(AppDbContext db, UnsubscribeTokens tokens) : ICommandHandler<UnsubscribeByMail, Result<UnsubscribedView>>
{
    public async ValueTask<Result<UnsubscribedView>> Handle(UnsubscribeByMail command, CancellationToken cancellationToken)
    {
        if (!tokens.TryRead(command.Token, out var userId, out var kind))
        {
            return Error.Invalid("token", "This unsubscribe link is not valid.");
        }

        var p = await db.NotificationPreferences.FirstOrDefaultAsync(x => x.UserId == userId, cancellationToken);
        if (p is not null)
        {
            p.EmailKinds = [.. p.EmailKinds.Where(k => k != kind)];
            p.DigestEmailKinds = kind == NotificationKind.Digest ? [] : [.. p.DigestEmailKinds.Where(k => k != kind)];
        }

        return new UnsubscribedView(kind);
    }

    /// <summary>The token comes in the query: a one-click POST's body is the fixed form field "List-Unsubscribe=One-Click".</summary>
    public static async Task<Results<Ok<UnsubscribedView>, ValidationProblem, ProblemHttpResult>> Endpoint(string token, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UnsubscribeByMail(token), ct)).ToOk();
}
