using OkrConnect.Core.Domain;

namespace OkrConnect.Storage.Tests.Infrastructure;

/// <summary>A stored cycle → objective → key result chain, plus a connector, for child rows to hang from.</summary>
public sealed record Graph(Cycle Cycle, Objective Objective, KeyResult KeyResult, ConnectorConfig Connector);
