namespace TechTransfer.Match.Web.Features.Portal;

/// <summary>
/// Configuration section "Portal": who runs the site and how to reach them, shown in every page's footer as a
/// government-run portal must (主办单位, 联系方式, ICP 备案号). Operators set it per deployment; nothing is invented
/// when it is missing (the footer leaves the line out).
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    public string? OperatorZh { get; set; }
    public string? OperatorEn { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    /// <summary>The ICP filing number, e.g. 辽ICP备…号; linked to the MIIT filing site.</summary>
    public string? FilingNumber { get; set; }
    /// <summary>The public-security filing number (公网安备), when the operator has one.</summary>
    public string? PublicSecurityFilingNumber { get; set; }
}
