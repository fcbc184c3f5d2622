package io.countersign.demo.mcp;

import io.countersign.demo.config.ConfigRepository;
import io.countersign.demo.config.UpdateConfigTool;
import io.countersign.demo.mail.OutboxRepository;
import io.countersign.demo.mail.SendEmailTool;
import io.countersign.demo.order.DeleteOrdersTool;
import io.countersign.demo.order.ListOrdersTool;
import io.countersign.demo.order.OrderRepository;
import io.countersign.demo.payment.ChargeCardTool;
import io.countersign.demo.payment.LedgerRepository;
import io.countersign.demo.sandbox.ReadFileTool;
import io.countersign.demo.sandbox.Sandbox;
import io.countersign.demo.tool.DemoTool;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/** The six tools of the demo upstream, in the order tools/list shows them. */
public final class DemoTools {

  private DemoTools() {}

  public static List<DemoTool> all(DataSource dataSource, Sandbox sandbox, Clock clock) {
    OrderRepository orders = new OrderRepository(dataSource);
    return List.of(
        new ListOrdersTool(orders),
        new DeleteOrdersTool(orders),
        new SendEmailTool(new OutboxRepository(dataSource), clock),
        new ChargeCardTool(new LedgerRepository(dataSource), clock),
        new UpdateConfigTool(new ConfigRepository(dataSource), clock),
        new ReadFileTool(sandbox));
  }
}
