package org.caseguard.core.autoreply;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the replies tell a client about reaching the agency; nothing here concerns any one client. */
public record AgencyContact(String agencyName, String telephone, String postalAddress, String crisisLine, String officeHours) {
    Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("agency", agencyName);
        variables.put("telephone", telephone);
        variables.put("postalAddress", postalAddress);
        variables.put("crisisLine", crisisLine);
        variables.put("officeHours", officeHours);
        return variables;
    }
}
