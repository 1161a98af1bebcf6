package io.github.apigateway.proxy;

import io.github.apigateway.config.OutlierDetectionSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutlierDetectorTest {

    private static final OutlierDetectionSettings SETTINGS = new OutlierDetectionSettings(5, Duration.ofSeconds(30), 50);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> announced = new ArrayList<>();

    private OutlierDetector detector(List<UpstreamInstance> instances, OutlierDetectionSettings settings) {
        return new OutlierDetector("orders", instances, settings, now::get,
                (service, instance, duration) -> announced.add(service + " " + instance + " " + duration.toSeconds()));
    }

    private static void fail(OutlierDetector detector, UpstreamInstance instance, int times) {
        for (int i = 0; i < times; i++) {
            detector.failed(instance);
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void fourFailuresInARowDoNotEject() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        fail(detector, instances.get(0), 4);
        assertFalse(detector.isEjected(instances.get(0)));
    }

    @Test
    void theFifthFailureInARowEjectsAndIsAnnounced() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        fail(detector, instances.get(0), 5);
        assertTrue(detector.isEjected(instances.get(0)));
        assertEquals(List.of("orders http://a:80 30"), announced);
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        fail(detector, instances.get(0), 4);
        detector.succeeded(instances.get(0));
        fail(detector, instances.get(0), 4);
        assertFalse(detector.isEjected(instances.get(0)));
    }

    @Test
    void anEjectedInstanceComesBackWhenItsTimeIsUp() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        fail(detector, instances.get(0), 5);
        advance(Duration.ofSeconds(29));
        assertTrue(detector.isEjected(instances.get(0)));
        advance(Duration.ofSeconds(1));
        assertFalse(detector.isEjected(instances.get(0)));
    }

    @Test
    void eachEjectionLastsTheBaseTimesHowOftenItWasEjected() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        for (int ejection = 0; ejection < 3; ejection++) {
            fail(detector, instances.get(0), 5);
            advance(Duration.ofSeconds(300));
        }
        assertEquals(List.of("orders http://a:80 30", "orders http://a:80 60", "orders http://a:80 90"), announced);
    }

    @Test
    void noEjectionLastsLongerThanFiveMinutes() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, new OutlierDetectionSettings(1, Duration.ofSeconds(200), 50));
        fail(detector, instances.get(0), 1);
        advance(Duration.ofSeconds(300));
        fail(detector, instances.get(0), 1);
        assertEquals(List.of("orders http://a:80 200", "orders http://a:80 300"), announced);
    }

    @Test
    void failuresEjectAtMostTheMaximumShareOfInstances() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1, 1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        instances.forEach(instance -> fail(detector, instance, 5));
        assertEquals(2, instances.stream().filter(detector::isEjected).count());
    }

    @Test
    void theLastInstanceIsNeverEjected() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1);
        OutlierDetector detector = detector(instances, new OutlierDetectionSettings(5, Duration.ofSeconds(30), 100));
        fail(detector, instances.get(0), 50);
        assertFalse(detector.isEjected(instances.get(0)));
    }

    @Test
    void anInstanceThatFailedItsLastTryIsNotHealthy() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1);
        OutlierDetector detector = detector(instances, SETTINGS);
        assertTrue(detector.hasHealthyInstance());
        fail(detector, instances.get(0), 1);
        assertFalse(detector.hasHealthyInstance());
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheFirstEjectionEnds() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        fail(detector, instances.get(0), 5);
        advance(Duration.ofMillis(10_500));
        assertEquals(20, detector.secondsUntilAnInstanceReturns());
    }

    @Test
    void retryAfterIsOneSecondWhenNothingIsEjected() {
        assertEquals(1, detector(ServiceDefinitions.weighted(1), SETTINGS).secondsUntilAnInstanceReturns());
    }


    @Test
    void anAnnouncedEjectionEjectsTheInstanceWithThatUrlForTheAnnouncedTime() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        assertTrue(detector.applyAnnounced(URI.create("http://a:80"), Duration.ofSeconds(10)));
        advance(Duration.ofMillis(9_999));
        assertTrue(detector.isEjected(instances.get(0)));
        advance(Duration.ofMillis(1));
        assertFalse(detector.isEjected(instances.get(0)));
    }

    @Test
    void anAnnouncedEjectionIsNotAnnouncedAgain() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        detector(instances, SETTINGS).applyAnnounced(URI.create("http://a:80"), Duration.ofSeconds(10));
        assertEquals(List.of(), announced);
    }

    @Test
    void anAnnouncedEjectionRespectsThisNodesMaximumShare() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        fail(detector, instances.get(1), 5);
        assertFalse(detector.applyAnnounced(URI.create("http://a:80"), Duration.ofSeconds(10)));
        assertFalse(detector.isEjected(instances.get(0)));
    }

    @Test
    void anAnnouncedEjectionOfAnUnknownInstanceIsIgnored() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        assertFalse(detector.applyAnnounced(URI.create("http://z:80"), Duration.ofSeconds(10)));
    }

    @Test
    void anAnnouncedEjectionDoesNotLengthenThisNodesNextEjection() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        detector.applyAnnounced(URI.create("http://a:80"), Duration.ofSeconds(10));
        advance(Duration.ofSeconds(10));
        fail(detector, instances.get(0), 5);
        assertEquals(List.of("orders http://a:80 30"), announced);
    }

    @Test
    void anInstanceTakenOutByHealthChecksIsNotHealthy() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1);
        OutlierDetector detector = detector(instances, SETTINGS);
        instances.get(0).outByHealthChecks(true);
        assertFalse(detector.hasHealthyInstance());
    }

    @Test
    void instancesTakenOutByHealthChecksDoNotCountAgainstTheMaximumShare() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1, 1, 1);
        OutlierDetector detector = detector(instances, SETTINGS);
        instances.get(0).outByHealthChecks(true);
        instances.get(1).outByHealthChecks(true);
        fail(detector, instances.get(2), 5);
        fail(detector, instances.get(3), 5);
        assertEquals(2, instances.stream().filter(detector::isEjected).count());
    }
}
