package io.countersign.demo.web;

import io.countersign.demo.DemoSettings;
import io.countersign.demo.db.DemoSchemaMigrator;
import io.countersign.demo.mcp.DemoMcpServer;
import io.countersign.demo.mcp.DemoTools;
import io.countersign.demo.sandbox.Sandbox;
import io.countersign.demo.sandbox.SandboxSeeder;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the demo upstream when demo mode is on: maps the MCP servlet at {@code /mcp} behind the
 * access and request filters. When it is off nothing is mapped, so {@code /mcp} answers 404.
 */
@WebListener
public class DemoBootstrap implements ServletContextListener {

  static final String SERVLET_NAME = "demo-mcp";
  static final String VERSION = "0.1.0";
  private static final Logger LOG = Logger.getLogger(DemoBootstrap.class.getName());

  @Resource(lookup = "jdbc/countersign")
  private DataSource dataSource;

  // Calling the migrator guarantees its @PostConstruct migration has finished first.
  @EJB private DemoSchemaMigrator migrator;

  private DemoMcpServer server;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    DemoSettings settings = DemoSettings.fromConfig(ConfigProvider.getConfig());
    if (!settings.enabled()) {
      LOG.info("Demo mode is off (" + DemoSettings.ENABLED + "): the demo upstream serves nothing");
      return;
    }
    if (!migrator.ready()) {
      LOG.severe("The demo tables are not migrated: the demo upstream serves nothing");
      return;
    }
    try {
      SandboxSeeder.seed(settings.sandbox());
    } catch (UncheckedIOException e) {
      LOG.log(Level.WARNING, "The demo sandbox could not be prepared; read_file will fail", e);
    }
    server =
        DemoMcpServer.create(
            DemoTools.all(dataSource, new Sandbox(settings.sandbox()), Clock.systemUTC()), VERSION);
    register(event.getServletContext(), settings);
    LOG.info(
        () ->
            "Demo upstream serving MCP at "
                + event.getServletContext().getContextPath()
                + DemoMcpServer.ENDPOINT
                + " (loopback only, bearer token "
                + (settings.upstreamToken().isPresent() ? "required" : "not required")
                + ")");
  }

  private void register(ServletContext context, DemoSettings settings) {
    ServletRegistration.Dynamic mcp = context.addServlet(SERVLET_NAME, server.servlet());
    mcp.setAsyncSupported(true);
    mcp.addMapping(DemoMcpServer.ENDPOINT);
    addFilter(context, "demo-upstream-access", new UpstreamAccessFilter(settings.upstreamToken()));
    addFilter(context, "demo-mcp-requests", new McpRequestFilter());
  }

  private static void addFilter(ServletContext context, String name, Filter filter) {
    FilterRegistration.Dynamic registration = context.addFilter(name, filter);
    registration.setAsyncSupported(true);
    registration.addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), true, SERVLET_NAME);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (server != null) {
      server.close();
    }
  }
}
