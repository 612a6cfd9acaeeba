using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Accounts;

public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Administrator);
        accounts.MapGet("/", SearchAccountsHandler.Endpoint).WithName("SearchAccounts");
        accounts.MapGet("/{id:guid}", GetAccountHandler.Endpoint).WithName("GetAccount");
        accounts.MapPost("/{id:guid}/roles", ChangeAccountRoleHandler.Grant).WithName("GrantRole");
        accounts.MapDelete("/{id:guid}/roles/{role}", ChangeAccountRoleHandler.Revoke).WithName("RevokeRole");
        accounts.MapPost("/{id:guid}/deactivate", SetAccountActiveHandler.Deactivate).WithName("DeactivateAccount");
        accounts.MapPost("/{id:guid}/reactivate", SetAccountActiveHandler.Reactivate).WithName("ReactivateAccount");

        var audit = app.MapGroup("/api/audit").WithTags("Accounts").RequireAuthorization(Policies.Oversight);
        audit.MapGet("/", SearchAuditLogHandler.Endpoint).WithName("SearchAuditLog");
        audit.MapGet("/export", SearchAuditLogHandler.Export).WithName("ExportAuditLog");
        return accounts;
    }
}
