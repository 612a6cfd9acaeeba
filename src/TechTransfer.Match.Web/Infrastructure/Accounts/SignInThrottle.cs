using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Accounts;

/// <summary>Configuration section "SignIn".</summary>
public sealed class SignInLimitOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed sign-ins of one account from one address before that address must wait.</summary>
    public int MaxFailuresPerAccountAndAddress { get; set; } = 5;
    /// <summary>How long the failures count and how long the address then waits.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Requests per minute and address to login, register, refresh and the password and email flows.</summary>
    public int AuthRequestsPerMinute { get; set; } = 30;
    /// <summary>Mails of one kind (confirmation, reset) to one address at most this often.</summary>
    public TimeSpan MailInterval { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Slows password guessing without handing anyone a lockout to use against others. Failures count per
/// account and client address: after <see cref="SignInLimitOptions.MaxFailuresPerAccountAndAddress"/> the
/// address waits out the window for that account, while the owner signing in from anywhere else is not
/// affected (an attacker cannot lock a victim out). Per-address request rates (the rate limiter) bound
/// guessing across accounts. The counts are kept per node: with N nodes behind a balancer an address
/// gets at most N times the allowance (docs/security.md).
/// Unknown accounts go through the same counting and the same password-hash work as real ones, so the
/// answer and its timing say nothing about whether an account exists.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInLimitOptions> options, TimeProvider clock, IOptions<PasswordHasherOptions> hashing)
{
    // The same hasher settings as Identity's own (which is scoped), so the work matches a real check.
    private readonly PasswordHasher<AppUser> _hasher = new(hashing);

    private readonly ConcurrentDictionary<string, (int Count, DateTime Since)> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _mails = new(StringComparer.Ordinal);
    private readonly Lazy<string> _dummyHash = new(() => new PasswordHasher<AppUser>(hashing).HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    private static string Key(string email, string address) => $"{email.Trim().ToUpperInvariant()}|{address}";

    public bool IsBlocked(string email, string address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!_failures.TryGetValue(Key(email, address), out var entry))
        {
            return false;
        }

        if (now - entry.Since > options.Value.FailureWindow)
        {
            _failures.TryRemove(Key(email, address), out _);
            return false;
        }

        return entry.Count >= options.Value.MaxFailuresPerAccountAndAddress;
    }

    public void Failed(string email, string address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = options.Value.FailureWindow;
        _failures.AddOrUpdate(Key(email, address), _ => (1, now), (_, e) => now - e.Since > window ? (1, now) : (e.Count + 1, e.Since));
        if (_failures.Count > 100_000)
        {
            // Bounded memory under a flood of made-up names: forget expired entries.
            foreach (var (key, e) in _failures)
            {
                if (now - e.Since > window)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }

    public void Succeeded(string email, string address) => _failures.TryRemove(Key(email, address), out _);

    /// <summary>The same work as checking a real password, for an unknown account.</summary>
    public void SpendPasswordCheck(string password) => _hasher.VerifyHashedPassword(new AppUser(), _dummyHash.Value, password);

    /// <summary>Whether a mail of this kind may go to this address now (at most one per interval).</summary>
    public bool MayMail(string kind, string email)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = $"{kind}|{email.Trim().ToUpperInvariant()}";
        if (_mails.TryGetValue(key, out var last) && now - last < options.Value.MailInterval)
        {
            return false;
        }

        _mails[key] = now;
        return true;
    }
}
