/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.iotstarters.emnify.auth.test;

import java.util.List;

import io.github.iotstarters.emnify.auth.test.Inventory.Status;

/**
 * emnify's event type lookup, {@code GET /api/v1/event/type}, as the reference lists it
 * from ENT's example: ids 0 to 65 with ENT's descriptions; 66 is in no source, and 67
 * (User switched workspaces) only in the product documentation, not in the lookup.
 */
final class EventTypes {

	static final List<Status> LOOKUP = List.of(new Status(0, "Generic"), new Status(1, "Update Location"),
			new Status(2, "Update GPRS Location"), new Status(3, "Create PDP Context"),
			new Status(4, "Update PDP Context"), new Status(5, "Delete PDP Context"),
			new Status(6, "User authentication failed"), new Status(7, "Application authentication failed"),
			new Status(8, "SIM activation"), new Status(9, "SIM suspension"), new Status(10, "SIM deletion"),
			new Status(11, "Endpoint blocked"), new Status(12, "Organisation blocked"), new Status(13, "Support"),
			new Status(14, "Multi-factor Authentication"), new Status(15, "Purge location"),
			new Status(16, "Purge GPRS location"), new Status(17, "Self-Signup"), new Status(18, "Threshold reached"),
			new Status(19, "Quota used up"), new Status(20, "SMS quota threshold reached"),
			new Status(21, "SMS quota used up"), new Status(22, "CloudConnect TGW Resource Share created"),
			new Status(23, "CloudConnect TGW available"), new Status(24, "CloudConnect VPN breakout available"),
			new Status(25, "CloudConnect TGW breakout terminated"),
			new Status(26, "CloudConnect VPN breakout terminated"),
			new Status(27, "CloudConnect Connection State Changed"), new Status(28, "OpenVPN connect"),
			new Status(29, "OpenVPN disconnect"), new Status(30, "OpenVPN authentication"),
			new Status(31, "Organisation updated"), new Status(32, "Billing configuration updated"),
			new Status(33, "Tariff plan updated"), new Status(34, "Usage tariff updated"), new Status(35, "Payment"),
			new Status(36, "User invited"), new Status(37, "Password reset requested"),
			new Status(38, "Order submitted"), new Status(39, "Order updated"),
			new Status(40, "User verification requested"), new Status(41, "User verified"),
			new Status(42, "Endpoint enabled"), new Status(43, "Endpoint disabled"), new Status(44, "SIM issued"),
			new Status(45, "SIM factory test"), new Status(46, "User deleted"),
			new Status(47, "User federation activated"), new Status(48, "SIM registration"),
			new Status(49, "Device offline"), new Status(50, "SIM Released"), new Status(51, "SIM Assigned"),
			new Status(52, "Data quota enabled"), new Status(53, "Data quota disabled"),
			new Status(54, "SMS quota enabled"), new Status(55, "SMS quota disabled"),
			new Status(56, "Data quota assigned"), new Status(57, "Data quota deleted"),
			new Status(58, "SMS quota assigned"), new Status(59, "SMS quota deleted"),
			new Status(60, "Data quota expired"), new Status(61, "SMS quota expired"),
			new Status(62, "Default inclusive volume updated"), new Status(63, "Monthly order limit threshold reached"),
			new Status(64, "Monthly order limit reached"), new Status(65, "Endpoint data traffic limit warning"));

	private EventTypes() {
	}

}
