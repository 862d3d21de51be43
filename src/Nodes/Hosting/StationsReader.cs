using ActorStream.Actors.Stations;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// The stations a seed starts with: every station of actorstream.stations, and station main (actorstream.station)
/// when actorstream.station.run says so: on, or auto (the default) when no other station is configured. Two stations
/// naming one group stop the seed here, naming the second one's key.
/// </summary>
public static class StationsReader
{
    public static IReadOnlyList<StationSettings> Read(Config config)
    {
        var names = Names(config);
        var run = config.GetString(StationSettingsReader.Defaults + ".run").Trim().ToLowerInvariant();
        var runMain = run switch
        {
            "auto" => names.Count == 0,
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            _ => throw ConfigValues.Bad(config, StationSettingsReader.Defaults + ".run", $"must be auto, on or off, got '{run}'"),
        };

        var stations = new List<StationSettings>();
        if (runMain)
        {
            stations.Add(StationSettingsReader.Read(config));
        }

        foreach (var name in names)
        {
            var settings = StationSettingsReader.Read(config, name);
            if (stations.Any(s => s.Name == name))
            {
                throw ConfigValues.Bad(config, $"{StationSettingsReader.Named}.{name}",
                    $"station {name} is also the station of {StationSettingsReader.Defaults} (its name); rename one, or set {StationSettingsReader.Defaults}.run = off");
            }

            if (settings.Group is { } group && !settings.Unicast && stations.FirstOrDefault(s => Equals(s.Group, group) && !s.Unicast) is { } holder)
            {
                throw ConfigValues.Bad(config, $"{StationSettingsReader.Named}.{name}.group",
                    $"the multicast group {group} is already station {holder.Name}'s; never two stations on one group");
            }

            stations.Add(settings);
        }

        if (!runMain && stations.Count > 0 && stations[0].Destinations.Count == 0)
        {
            // The seed's destinations are station main's; without main they go to the first station.
            stations[0] = stations[0] with { Destinations = config.GetStringList("actorstream.seed.destinations") };
        }

        if (stations.Count == 0)
        {
            throw ConfigValues.Bad(config, StationSettingsReader.Defaults + ".run",
                $"no station to run: configure one under {StationSettingsReader.Named}, give --station NAME=SOURCE, or set run = auto or on");
        }

        return stations;
    }

    /// <summary>The names under actorstream.stations, sorted, each checked to be a usable station name.</summary>
    public static IReadOnlyList<string> Names(Config config)
    {
        var value = config.GetValue(StationSettingsReader.Named);
        if (value is null or HoconScalar { Kind: HoconScalarKind.Null })
        {
            return [];
        }

        if (value is not HoconObject section)
        {
            throw ConfigValues.Bad(config, StationSettingsReader.Named, "must be an object: { NAME { source = ..., group = ... } ... }");
        }

        var names = section.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            if (StationNames.Problem(name) is { } problem)
            {
                // Named by its own origin: a name with a '.' is no path to look the origin up by.
                throw new ConfigurationException($"{section.Fields[name].Origin}: {StationSettingsReader.Named}.\"{name}\": {problem}");
            }
        }

        return names;
    }
}
