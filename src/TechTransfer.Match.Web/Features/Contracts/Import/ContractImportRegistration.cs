namespace TechTransfer.Match.Web.Features.Contracts.Import;

public static class ContractImportRegistration
{
    /// <summary>Registered-contract imports: small files at once, large ones as background jobs.</summary>
    public static IServiceCollection AddContractImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.Section));
        services.AddScoped<ContractImporter>();
        services.AddScoped<ImportProgressSink>();
        services.AddSingleton<ImportJobQueue>();
        services.AddSingleton<ImportProgressRegistry>();
        services.AddHostedService<ImportJobRunner>();
        services.AddSingleton<ImportPreviewSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportPreviewSweeper>());
        return services;
    }
}
