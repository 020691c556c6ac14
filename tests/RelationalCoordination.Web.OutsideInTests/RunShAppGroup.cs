using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Xunit;

namespace RelationalCoordination.Web.OutsideInTests;

/// <summary>One app for every outside-in test: starting it is a publish and a fresh cluster.</summary>
[CollectionDefinition(Name)]
public sealed class RunShAppGroup : ICollectionFixture<RunShApp>
{
    public const string Name = "The app as ./run.sh starts it";
}
