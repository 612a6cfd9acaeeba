// The two closed lifecycles, named once for the use case files (Draft/Revise/Publish/Archive/Discard/Get/Search).
global using AchievementLifecycle = TechTransfer.Match.Web.Features.Listings.ListingLifecycle<
    TechTransfer.Match.Web.Features.Achievements.AchievementKind, TechTransfer.Match.Web.Domain.Achievement,
    TechTransfer.Match.Web.Features.Achievements.AchievementInput, TechTransfer.Match.Web.Features.Achievements.AchievementView>;
global using NeedLifecycle = TechTransfer.Match.Web.Features.Listings.ListingLifecycle<
    TechTransfer.Match.Web.Features.Needs.NeedKind, TechTransfer.Match.Web.Domain.Need,
    TechTransfer.Match.Web.Features.Needs.NeedInput, TechTransfer.Match.Web.Features.Needs.NeedView>;
