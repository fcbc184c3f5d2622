package io.countersign.tenant.policy;

import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CEL variables of one call, built from a {@link PolicyInput}. */
final class PolicyActivation {

  /**
   * MCP tool annotation defaults (specification 2025-06-18, "Tool annotations"): a tool that says
   * nothing is assumed to write, destroy, not be idempotent and reach the open world.
   */
  static final Map<String, Object> ANNOTATION_DEFAULTS =
      Map.of(
          "readOnlyHint", false,
          "destructiveHint", true,
          "idempotentHint", false,
          "openWorldHint", true);

  private PolicyActivation() {}

  static Map<String, Object> of(PolicyInput input) {
    Map<String, Object> annotations = new HashMap<>(ANNOTATION_DEFAULTS);
    if (input.annotations() != null) {
      input.annotations().forEach((k, v) -> annotations.put(k, celValue(v)));
    }
    Map<String, Object> tool = new HashMap<>();
    tool.put("server", input.server());
    tool.put("name", input.tool());
    tool.put("annotations", annotations);

    Map<String, Object> agent = new HashMap<>();
    agent.put("id", input.agent().agentId());
    agent.put("name", input.agent().agentName());

    Map<String, Object> activation = new HashMap<>();
    activation.put(PolicyEnvironment.TOOL, tool);
    activation.put(
        PolicyEnvironment.ARGS, input.arguments() == null ? Map.of() : celValue(input.arguments()));
    activation.put(PolicyEnvironment.AGENT, agent);
    activation.put(PolicyEnvironment.TENANT, input.tenantId());
    activation.put(PolicyEnvironment.NOW, input.now());
    return activation;
  }

  /** JSON integers become int (Long), other numbers double, null CEL's null. */
  static Object celValue(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof BigDecimal decimal) {
      return bigDecimal(decimal);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), celValue(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(celValue(v)));
      return copy;
    }
    return value; // String, Long, Double, Boolean
  }

  private static Object bigDecimal(BigDecimal decimal) {
    // JSON-P reports 3 and 3e2 with scale <= 0 (integral as written); 3.0 is a double
    if (decimal.scale() <= 0) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException tooBig) {
        return decimal.doubleValue();
      }
    }
    return decimal.doubleValue();
  }
}
