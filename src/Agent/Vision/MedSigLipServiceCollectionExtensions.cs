using ClinicalAgent.Imaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Agent.Vision;

/// <summary>Registers MedSigLIP as the <see cref="IZeroShotImageClassifier"/>.</summary>
public static class MedSigLipServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="MedSigLipOptions"/> from <c>Vision:MedSigLip</c> and registers the classifier as a singleton:
    /// <see cref="MedSigLipClassifier"/> (itself a singleton, loaded at the first classification, sessions shared) when
    /// <c>Vision:MedSigLip:Path</c> is set, otherwise a stand-in whose every call fails with a <see cref="MedSigLipException"/>
    /// saying how to set it up. A folder that fails to load is tried again at the next call (the container caches only successes).
    /// </summary>
    public static IServiceCollection AddMedSigLip(this IServiceCollection services, IConfiguration configuration, Action<MedSigLipOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<MedSigLipOptions>().Bind(configuration.GetSection(MedSigLipOptions.SectionName));
        if (configure is not null)
            options.Configure(configure);
        services.TryAddSingleton(sp =>
        {
            var value = sp.GetRequiredService<IOptions<MedSigLipOptions>>().Value;
            return string.IsNullOrWhiteSpace(value.Path)
                ? throw new MedSigLipException(null, UnconfiguredImageClassifier.SetupMessage)
                : new MedSigLipClassifier(value.Path, value.IntraOpThreads);
        });
        services.TryAddSingleton<IZeroShotImageClassifier>(sp =>
        {
            var path = sp.GetRequiredService<IOptions<MedSigLipOptions>>().Value.Path;
            return string.IsNullOrWhiteSpace(path)
                ? new UnconfiguredImageClassifier()
                : new DeferredImageClassifier(path, sp.GetRequiredService<MedSigLipClassifier>);
        });
        return services;
    }
}
