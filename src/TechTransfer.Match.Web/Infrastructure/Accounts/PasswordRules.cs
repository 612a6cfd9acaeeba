using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Accounts;

/// <summary>
/// Refuses passwords that guessing tries first: the common-passwords list (Resources/common-passwords.txt,
/// compared without case; under 16 characters also with digits and symbols removed, so Password#2026 is
/// password), and passwords that contain the account's email name.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<AppUser>
{
    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.ToLowerInvariant();
        var local = user.Email?.Split('@')[0].ToLowerInvariant() ?? "";
        if (Common.Contains(lower) || (lower.Length < 16 && Common.Contains(StripDigitsAndSymbols(lower))))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is among the most common ones; choose another.",
            }));
        }

        if (local.Length >= 4 && lower.Contains(local, StringComparison.Ordinal))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordContainsEmail",
                Description = "The password must not contain your email name.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password) => Common.Contains(password.ToLowerInvariant());

    // "Password#2026" and "password1" are the same guess as "password".
    private static string StripDigitsAndSymbols(string password) => new(password.Where(char.IsLetter).ToArray());

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("TechTransfer.Match.Web.Resources.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
