package io.countersign.tenant.policy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;

/**
 * The CEL environment every rule is compiled in: the variables a condition may read and the
 * functions it may call. One immutable, thread-safe instance for the whole platform.
 */
final class PolicyEnvironment {

  /** {@code tool}: server, name, annotations (MCP defaults filled in). */
  static final String TOOL = "tool";

  /** {@code args}: the call's arguments as JSON decodes them. */
  static final String ARGS = "args";

  /** {@code agent}: id, name. */
  static final String AGENT = "agent";

  /** {@code tenant}: the tenant's slug. */
  static final String TENANT = "tenant";

  /** {@code now}: the time of the call, a {@code google.protobuf.Timestamp}. */
  static final String NOW = "now";

  static final Cel CEL =
      CelFactory.standardCelBuilder()
          // lets `args.amount > 100` hold for 150 and 150.5 alike: JSON does not type numbers
          .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addCompilerLibraries(CelExtensions.strings())
          .addRuntimeLibraries(CelExtensions.strings())
          .addVar(TOOL, MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar(ARGS, MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar(AGENT, MapType.create(SimpleType.STRING, SimpleType.STRING))
          .addVar(TENANT, SimpleType.STRING)
          .addVar(NOW, SimpleType.TIMESTAMP)
          .setResultType(SimpleType.BOOL)
          .build();

  private PolicyEnvironment() {}
}
