package dev.eventloom.http.test;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the management interface of the application under test, where its metrics are. */
final class ManagementPort {

    private ManagementPort() {
    }

    static RequestSpecification given() {
        return RestAssured.given()
                .port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }
}
