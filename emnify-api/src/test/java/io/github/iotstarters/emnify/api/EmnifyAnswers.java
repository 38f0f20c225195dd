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

package io.github.iotstarters.emnify.api;

/**
 * Answers in the shapes emnify's server sends, quirks included (see the reference's
 * sections 1.8, 1.9 and 2.5): dates with {@code +0000}, numbers as strings, no
 * {@code sim} key for an endpoint without SIM, unknown fields and lookup ids.
 */
final class EmnifyAnswers {

	static final String ENDPOINT_WITH_SIM = """
			{"id":11398765,"name":"pump-station-7","tags":"fleet, eu",
			 "created":"2023-05-02T09:14:07.000+0000","last_updated":"2023-05-03T10:00:00.000+0000",
			 "status":{"id":0,"description":"Enabled"},
			 "service_profile":{"id":540611,"name":"Default Policy"},
			 "tariff_profile":{"id":539702,"name":"EU only","satellite_capable":false},
			 "ip_address":"10.190.4.21",
			 "ip_address_space":{"id":14870,"ip_address_space":"10.190.4.16/28","ip_address_version":4},
			 "sim":{"id":4400123,"iccid":"8988303000001234567","iccid_with_luhn":"89883030000012345678",
			        "sim_profile_type_id":1,"imsi":"295050901234567","msisdn":"423663921234567",
			        "status":{"id":1,"description":"Activated"}},
			 "imei":"3554631177373901","imei_lock":false,
			 "runtime_data":{"msc":"491600190","sgsn":"491600191","sgsn_ip_address":"212.23.97.14"},
			 "tag_assignments":[{"id":12,"name":"eu","tag_color":{"id":3}}]}
			""";

	static final String ENDPOINT_WITHOUT_SIM = """
			{"id":11398766,"name":"spare","tags":null,"created":"2023-05-02T09:14:07.000+0000",
			 "status":{"id":9,"description":"Hibernating"},"ip_address_space":{"id":14870}}
			""";

	static final String SMS_OBSERVED = """
			{"id":19649318,"submit_date":"2022-08-04T01:45:24.000+0000","delivery_date":null,
			 "expiry_date":"2022-08-05T01:45:24.000+0000","final_date":null,"retry_count":"0",
			 "dcs":"0","pid":"0","source_address":"","endpoint_id":"11379224","organisation_id":"13886",
			 "sim_id":"4397515","iccid":"8988303000006734768","msisdn":"423663921520532","imsi":"",
			 "udh":"","payload":"reboot","status":{"description":"EXPIRED","id":6},
			 "sms_type":{"description":"MT","id":1},"source_address_type":{"description":"National","id":161},
			 "esme_interface_type":{"description":"RestAPI","id":1},"dlr_status_id":"4","p2p_ext":0}
			""";

	private EmnifyAnswers() {
	}

}
