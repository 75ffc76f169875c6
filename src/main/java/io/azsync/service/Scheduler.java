package io.azsync.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import org.apache.camel.builder.RouteBuilder;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.azsync.config.ConnectorConfig;
import io.azsync.config.Schedule;
import io.azsync.run.Trigger;

/**
 * Polls every enabled connector on its schedules: one camel-quartz trigger per connector and stream
 * group (azure, entra, defender), stateful so a firing never overlaps the previous one, and the
 * connector's lock refuses a firing while any of its syncs runs. After downtime a group whose last
 * run is older than its schedule runs once at start, not once per missed firing.
 */
public final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final AzsyncRuntime runtime;
    private final Clock clock;
    private final ExecutorService catchUp;

    public Scheduler(AzsyncRuntime runtime, Clock clock) {
        this.runtime = runtime;
        this.clock = clock;
        this.catchUp = runtime.camel().getExecutorServiceManager().newSingleThreadExecutor(this, "azsync-catch-up");
    }

    public void schedule(List<ConnectorService> services) throws Exception {
        for (ConnectorService service : services) {
            schedule(service);
        }
    }

    /**
     * Schedules each stream group of a connector, unless it is disabled or (created over the API)
     * has not passed a test yet.
     */
    public void schedule(ConnectorService service) throws Exception {
        ConnectorContext connector = service.connector();
        if (!connector.config().enabled() || !runtime.isActivated(connector.name())) {
            return;
        }
        Set<String> groups = new LinkedHashSet<>();
        runtime.enabledStreams(connector).forEach(s -> groups.add(ConnectorConfig.groupOf(s)));
        for (String group : groups) {
            scheduleGroup(service, group, connector.config().scheduleOf(group));
        }
    }

    /** Removes a connector's schedules (a sync that is running goes on). */
    public void unschedule(String connector) throws Exception {
        Set<String> groups = new LinkedHashSet<>();
        runtime.allStreams().forEach(s -> groups.add(ConnectorConfig.groupOf(s)));
        for (String group : groups) {
            String id = "schedule-" + connector + "-" + group;
            if (runtime.camel().getRoute(id) != null) {
                runtime.camel().getRouteController().stopRoute(id, 5, java.util.concurrent.TimeUnit.SECONDS);
                runtime.camel().removeRoute(id);
            }
            if (runtime.clustered()) {
                // the shared job store keeps a clustered job (deleteJob=false) when its route goes: delete it, or every node
                // would keep firing a connector that no longer exists
                org.quartz.Scheduler quartz = runtime.camel().getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class)
                        .getScheduler();
                if (quartz != null) {
                    quartz.deleteJob(org.quartz.JobKey.jobKey(connector + "." + group, "azsync"));
                }
            }
        }
    }

    private void scheduleGroup(ConnectorService service, String group, Schedule schedule) throws Exception {
        String connector = service.connector().name();
        Instant now = clock.instant();
        Instant last = runtime.ledger().lastGroupRunStart(connector, group);
        boolean clustered = runtime.clustered();
        // clustered: the shared job store keeps the triggers and fires a missed one once (misfire policy);
        // a node does not catch up on its own, or every node would
        boolean overdue = !clustered && overdue(schedule, last, now);
        String uri = "quartz://azsync/" + connector + "." + group + "?stateful=true"
                + (clustered ? "&deleteJob=false&recoverableJob=true" : "&deleteJob=true");
        Instant next;
        if (schedule.cron() != null) {
            uri += "&cron=" + URLEncoder.encode(schedule.cron(), StandardCharsets.UTF_8) + "&trigger.misfireInstruction=1";
            next = new CronExpression(schedule.cron()).getNextValidTimeAfter(Date.from(now)).toInstant();
        } else if (schedule.every() != null) {
            Duration delay = overdue || last == null ? schedule.every() : Duration.between(now, last.plus(schedule.every()));
            uri += "&trigger.repeatInterval=" + schedule.every().toMillis() + "&trigger.repeatCount=-1&triggerStartDelay="
                    + Math.max(1, delay.toMillis()) + "&trigger.misfireInstruction=" + (clustered ? 2 : 4);
            next = now.plus(delay);
        } else {
            if (!schedule.once().isAfter(now)) {
                next = null;
                uri = null;
            } else {
                uri += "&trigger.repeatCount=0&triggerStartDelay=" + Duration.between(now, schedule.once()).toMillis();
                next = schedule.once();
            }
        }
        service.scheduled(next);
        if (uri != null) {
            String from = uri;
            runtime.camel().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(from).routeId("schedule-" + connector + "-" + group).routeGroup("schedule")
                            .process(e -> fire(service, group, e.getMessage().getHeader("nextFireTime", Date.class)));
                }
            });
        }
        LOG.info("Connector {}: {} streams {}{}", connector, group, schedule.describe(), overdue ? "; overdue after downtime: runs once now" : "");
        if (overdue) {
            catchUp.submit(() -> fire(service, group, next == null ? null : Date.from(next)));
        }
    }

    private static void fire(ConnectorService service, String group, Date nextFireTime) {
        try {
            service.sync(group, Trigger.SCHEDULE);
        } catch (ConnectorService.AlreadyRunningException e) {
            LOG.info("Connector {}: scheduled {} sync skipped: {}", service.connector().name(), group, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Connector {}: scheduled {} sync failed: {}", service.connector().name(), group, e.getMessage());
        } finally {
            service.scheduled(nextFireTime == null ? null : nextFireTime.toInstant());
        }
    }

    /** True when the group has a schedule that should have fired since its last run (or never ran). */
    static boolean overdue(Schedule schedule, Instant last, Instant now) {
        if (schedule.once() != null) {
            return last == null && !schedule.once().isAfter(now);
        }
        if (last == null) {
            return true;
        }
        if (schedule.every() != null) {
            return !last.plus(schedule.every()).isAfter(now);
        }
        try {
            Date next = new CronExpression(schedule.cron()).getNextValidTimeAfter(Date.from(last));
            return next != null && !next.toInstant().isAfter(now);
        } catch (ParseException e) {
            return false;
        }
    }


    /** No further catch-up run starts; one that is working goes on (the stopping service ends it at a page boundary). */
    public void quiesce() {
        catchUp.shutdown();
    }

    public void close() {
        runtime.camel().getExecutorServiceManager().shutdownNow(catchUp);
    }
}
