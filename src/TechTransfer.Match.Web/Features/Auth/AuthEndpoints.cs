using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Auth;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        var open = group.MapGroup("").AllowAnonymous().RequireRateLimiting(Policies.AuthRateLimit);
        open.MapPost("/register", RegisterUserHandler.Endpoint).WithName("Register");
        open.MapPost("/login", SignIn.Login).WithName("Login");
        open.MapPost("/refresh", SignIn.Refresh).WithName("RefreshToken");
        open.MapPost("/confirm-email", ConfirmEmailHandler.Endpoint).WithName("ConfirmEmail");
        open.MapPost("/resend-confirmation", ResendConfirmationHandler.Endpoint).WithName("ResendConfirmation");
        open.MapPost("/forgot-password", RequestPasswordResetHandler.Endpoint).WithName("RequestPasswordReset");
        open.MapPost("/reset-password", ResetPasswordHandler.Endpoint).WithName("ResetPassword");

        var mine = group.MapGroup("").RequireAuthorization(Policies.SignedIn);
        mine.MapPost("/logout", SignIn.Logout).WithName("Logout");
        mine.MapPost("/change-password", ChangePasswordHandler.Endpoint).RequireRateLimiting(Policies.AuthRateLimit).WithName("ChangePassword");
        mine.MapGet("/me", GetMeHandler.Endpoint).WithName("GetMe");
        mine.MapGet("/me/sessions", ListMySessionsHandler.Endpoint).WithName("ListMySessions");
        mine.MapDelete("/me/sessions/{id:guid}", EndMySessionHandler.Endpoint).WithName("EndMySession");
        mine.MapGet("/me/export", ExportMyDataHandler.Endpoint).WithName("ExportMyData");
        mine.MapPost("/me/erase", EraseMyAccountHandler.Endpoint).RequireRateLimiting(Policies.AuthRateLimit).WithName("EraseMyAccount");
        return group;
    }
}
