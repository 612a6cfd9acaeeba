namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>The body of lifecycle commands: the version the client last read.</summary>
public sealed record VersionBody(long Version);
