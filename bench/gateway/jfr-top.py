#!/usr/bin/env python3
"""Where a gateway's CPU goes, from a flight recording (bench/gateway/ab.sh with JFR=1).

    bench/gateway/jfr-top.py recording.jfr [N]

Prints, over the execution samples of the event-loop threads, each sample charged to its first frame outside the JDK,
Reactor's operators and Spring's utilities (the code that asked for the work): the share of each component, and the N
hottest such methods; then the hottest top frames.
"""
import collections
import re
import subprocess
import sys

# frames of general-purpose code (the JDK, Reactor's operators, Spring's collections) are skipped: a sample is charged
# to the first frame above them, the code that asked for the work
GENERIC = ("java.", "jdk.", "sun.", "com.sun.", "reactor.core.", "reactor.util.", "org.springframework.util.",
           "kotlin.", "org.reactivestreams.")

# where the charged frame belongs, first match wins
GROUPS = [
    ("gateway: edge security filter", "com.sociallive.gateway.security.EdgeSecurityWebFilter"),
    ("gateway: request-id filter", "com.sociallive.gateway.RequestContextWebFilter"),
    ("gateway: other own code", "com.sociallive."),
    ("security: firewall", "org.springframework.security.web.server.firewall"),
    ("security: JWT", "org.springframework.security.oauth2"),
    ("security: other", "org.springframework.security"),
    ("nimbus (JWT)", "com.nimbusds"),
    ("SCG headers filters", "org.springframework.cloud.gateway.filter.headers"),
    ("SCG metrics filter", "org.springframework.cloud.gateway.filter.GatewayMetricsFilter"),
    ("SCG NettyRoutingFilter", "org.springframework.cloud.gateway.filter.NettyRoutingFilter"),
    ("SCG other", "org.springframework.cloud.gateway"),
    ("spring cloud circuitbreaker", "org.springframework.cloud.circuitbreaker"),
    ("resilience4j", "io.github.resilience4j"),
    ("micrometer observation", "io.micrometer.observation"),
    ("micrometer tracing", "io.micrometer.tracing"),
    ("opentelemetry", "io.opentelemetry"),
    ("micrometer core (meters)", "io.micrometer.core"),
    ("micrometer context propagation", "io.micrometer.context"),
    ("spring http (headers, request, response)", "org.springframework.http"),
    ("spring web (cors, exchange, filters)", "org.springframework.web"),
    ("spring boot (metrics, observation glue)", "org.springframework.boot"),
    ("spring core", "org.springframework.core"),
    ("reactor netty server", "reactor.netty.http.server"),
    ("reactor netty client", "reactor.netty.http.client"),
    ("reactor netty other", "reactor.netty"),
    ("netty http codec", "io.netty.handler.codec"),
    ("netty leak detector", "io.netty.util.ResourceLeakDetector"),
    ("netty other", "io.netty"),
    ("logging", "ch.qos.logback"),
    ("logging", "org.slf4j"),
]


def samples(path):
    out = subprocess.run(
        ["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
        capture_output=True, text=True, check=True).stdout
    thread = None
    stack = None
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("sampledThread"):
            thread = line
        elif line.startswith("stackTrace = ["):
            stack = []
        elif stack is not None:
            if line.startswith("]"):
                yield thread, stack
                stack = None
            elif line and not line.startswith("..."):
                stack.append(re.sub(r"\s+line:.*$", "", line))


# synchronous calls whose whole cost is inside them: the share of samples with the frame anywhere on the stack
INCLUSIVE = [
    "HttpHeadersFilter.filterRequest(",
    "HttpHeadersFilter.filter(List",
    "ObservedRequestHttpHeadersFilter.filter(",
    "ObservedResponseHttpHeadersFilter.filter(",
    "RemoveHopByHopHeadersFilter.filter(",
    "TrustedProxies.filterHeaders(",
    "ForwardedRequestHeaders.filter(",
    "SimpleObservation.start(",
    "SimpleObservation.stop(",
    "NettyRoutingFilter.filter(",
    "NettyRoutingFilter.lambda$filter",
    "EdgeFirewall.rejection(",
    "EdgeFirewall.rejectsResponseHeaders(",
    "SecurityHeaders.writeTo(",
    "DefaultCorsProcessor.process(",
    "PublicPaths.matches(",
    "BearerTokens.resolve(",
    "CachingReactiveJwtDecoder.decode(",
    "RequestContextWebFilter.filter(",
    "InternalPathsWebFilter.filter(",
    "RoutePredicateHandlerMapping.lookupRoute(",
    "FilteringWebHandler.handle(",
    "AbstractServerHttpResponse.doCommit(",
    "ReactorServerHttpRequest.<init>(",
    "GatewayProblems.write(",
    "StrictServerWebExchangeFirewall",
    "ReactiveResilience4JCircuitBreaker.run(",
    "MonoCircuitBreaker.subscribe(",
    "GatewayMetricsFilter.filter(",
]


def charged(stack):
    for frame in stack:
        if not frame.startswith(GENERIC):
            return frame
    return stack[0] if stack else "?"


def method_class(frame):
    name = frame.split("(")[0]
    return name.rsplit(".", 1)[0]


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    self_counts = collections.Counter()
    charged_methods = collections.Counter()
    groups = collections.Counter()
    inclusive = collections.Counter()
    total = 0
    threads = collections.Counter()
    for thread, stack in samples(path):
        name = re.search(r'"([^"]*)"', thread or "")
        tname = name.group(1) if name else "?"
        threads[re.sub(r"\d+$", "N", tname)] += 1
        if not ("reactor-http" in tname or "epoll" in tname or "nio" in tname):
            continue
        total += 1
        if stack:
            self_counts[stack[0]] += 1
        seen = set()
        for f in stack:
            for needle in INCLUSIVE:
                if needle in f and needle not in seen:
                    seen.add(needle)
                    inclusive[needle] += 1
        frame = charged(stack)
        charged_methods[frame] += 1
        cls = method_class(frame)
        for label, prefix in GROUPS:
            if cls.startswith(prefix):
                groups[label] += 1
                break
        else:
            groups["other: " + cls] += 1
    print(f"samples by thread: {dict(threads.most_common(8))}")
    print(f"event-loop samples: {total}\n")
    print("by component (each sample charged to its first non-generic frame):")
    for label, count in groups.most_common(45):
        print(f"  {100 * count / max(1, total):5.1f} %  {label}")
    print("\nsynchronous calls, inclusive:")
    for needle in INCLUSIVE:
        if inclusive[needle]:
            print(f"  {100 * inclusive[needle] / max(1, total):5.1f} %  {needle}")
    print("\nhot methods, charged:")
    for frame, count in charged_methods.most_common(n):
        print(f"  {100 * count / max(1, total):5.1f} %  {frame}")
    print("\nhot methods, self (top frame):")
    for frame, count in self_counts.most_common(15):
        print(f"  {100 * count / max(1, total):5.1f} %  {frame}")


if __name__ == "__main__":
    main()
