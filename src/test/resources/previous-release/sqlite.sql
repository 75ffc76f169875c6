PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE sync_runs (
  run_id INTEGER PRIMARY KEY AUTOINCREMENT,
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  trigger TEXT NOT NULL,
  state TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  pages BIGINT NOT NULL DEFAULT 0,
  records_read BIGINT NOT NULL DEFAULT 0,
  records_written BIGINT NOT NULL DEFAULT 0,
  records_unchanged BIGINT NOT NULL DEFAULT 0,
  records_rejected BIGINT NOT NULL DEFAULT 0,
  records_deleted BIGINT NOT NULL DEFAULT 0,
  error TEXT,
  owner TEXT
);
INSERT INTO sync_runs VALUES(1,'default','azure-management-groups','cli','succeeded','2026-11-30T22:34:30.362207003Z','2026-11-30T22:34:31.466233449Z',1,3,3,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(2,'default','azure-network-interfaces','cli','succeeded','2026-11-30T22:34:30.368334345Z','2026-11-30T22:34:31.453709371Z',1,3,3,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(3,'default','azure-network-security-groups','cli','succeeded','2026-11-30T22:34:30.364073342Z','2026-11-30T22:34:31.462604576Z',1,1,2,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(4,'default','azure-public-ip-addresses','cli','succeeded','2026-11-30T22:34:30.369166580Z','2026-11-30T22:34:31.457168837Z',1,1,1,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(5,'default','azure-resource-groups','cli','succeeded','2026-11-30T22:34:31.454994150Z','2026-11-30T22:34:31.492245020Z',1,2,2,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(6,'default','azure-subscriptions','cli','succeeded','2026-11-30T22:34:31.458043213Z','2026-11-30T22:34:31.525403565Z',1,2,2,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(7,'default','azure-virtual-machines','cli','succeeded','2026-11-30T22:34:31.463878878Z','2026-11-30T22:34:31.515218959Z',1,3,3,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(8,'default','azure-virtual-networks','cli','succeeded','2026-11-30T22:34:31.466787916Z','2026-11-30T22:34:31.506300293Z',1,0,0,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(9,'default','defender-assessments','cli','succeeded','2026-11-30T22:34:31.492853231Z','2026-11-30T22:34:31.642578113Z',3,6,6,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(10,'default','entra-devices','cli','succeeded','2026-11-30T22:34:31.509625154Z','2026-11-30T22:34:31.553683456Z',1,4,4,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(11,'default','entra-groups','cli','succeeded','2026-11-30T22:34:31.516126717Z','2026-11-30T22:34:31.569934064Z',1,2,5,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
INSERT INTO sync_runs VALUES(12,'default','entra-users','cli','succeeded','2026-11-30T22:34:31.531414409Z','2026-11-30T22:34:31.571867446Z',1,3,3,0,0,0,NULL,'2709@vm~4026531836#10ec9e1d');
CREATE TABLE rejected_records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id BIGINT NOT NULL,
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw_payload TEXT,
  rejected_at TEXT NOT NULL
);
CREATE TABLE sync_state (
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  delta_link TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  full_read_at TEXT,
  PRIMARY KEY (connector, stream)
);
INSERT INTO sync_state VALUES('default','entra-devices','https://localhost:36567/v1.0/devices/delta?$deltatoken=MTN8YWNjb3VudEVuYWJsZWQsYXBwcm94aW1hdGVMYXN0U2lnbkluRGF0ZVRpbWUsZGV2aWNlSWQsZGlzcGxheU5hbWUsaWQsaXNDb21wbGlhbnQsaXNNYW5hZ2VkLG9wZXJhdGluZ1N5c3RlbSxvcGVyYXRpbmdTeXN0ZW1WZXJzaW9uLHBoeXNpY2FsSWRzLHJlZ2lzdHJhdGlvbkRhdGVUaW1lLHRydXN0VHlwZQ','devices/delta?$select=accountEnabled,approximateLastSignInDateTime,deviceId,displayName,id,isCompliant,isManaged,operatingSystem,operatingSystemVersion,physicalIds,registrationDateTime,trustType','2026-11-30T22:34:31.554057025Z','2026-11-30T22:34:31.554083783Z');
INSERT INTO sync_state VALUES('default','entra-groups','https://localhost:36567/v1.0/groups/delta?$deltatoken=MTN8Y3JlYXRlZERhdGVUaW1lLGRlc2NyaXB0aW9uLGRpc3BsYXlOYW1lLGdyb3VwVHlwZXMsaWQsbWFpbCxtYWlsRW5hYmxlZCxtZW1iZXJzLHNlY3VyaXR5RW5hYmxlZA','groups/delta?$select=createdDateTime,description,displayName,groupTypes,id,mail,mailEnabled,members,securityEnabled','2026-11-30T22:34:31.570051349Z','2026-11-30T22:34:31.570066868Z');
INSERT INTO sync_state VALUES('default','entra-users','https://localhost:36567/v1.0/users/delta?$deltatoken=MTN8YWNjb3VudEVuYWJsZWQsY3JlYXRlZERhdGVUaW1lLGRlcGFydG1lbnQsZGlzcGxheU5hbWUsaWQsam9iVGl0bGUsbWFpbCx1c2VyUHJpbmNpcGFsTmFtZSx1c2VyVHlwZQ','users/delta?$select=accountEnabled,createdDateTime,department,displayName,id,jobTitle,mail,userPrincipalName,userType','2026-11-30T22:34:31.571955778Z','2026-11-30T22:34:31.571966827Z');
CREATE TABLE sync_checkpoints (
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  run_ids TEXT NOT NULL,
  resume_token TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  blocked_reason TEXT,
  PRIMARY KEY (connector, stream)
);
CREATE TABLE connector_states (
  connector TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  next_fire_time TEXT,
  last_run_start TEXT,
  last_run_end TEXT,
  consecutive_failures BIGINT NOT NULL DEFAULT 0,
  last_error TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE azsync_processes (
  holder TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  expires_ms BIGINT NOT NULL
);
CREATE TABLE stream_leases (
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  holder TEXT NOT NULL,
  run_id BIGINT NOT NULL,
  acquired_at TEXT NOT NULL,
  PRIMARY KEY (connector, stream)
);
CREATE TABLE azure_resource_groups (
  id TEXT NOT NULL,
  name TEXT,
  subscription_id TEXT,
  location TEXT,
  provisioning_state TEXT,
  managed_by TEXT,
  tags TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO azure_resource_groups VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod','rg-prod','d3e0d3e0-0000-4000-8000-000000000001','westeurope','Succeeded',NULL,'{"env":"test"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod","name":"rg-prod","type":"microsoft.resources/subscriptions/resourcegroups","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","resourceGroup":"rg-prod","tags":{"env":"test"},"properties":{"provisioningState":"Succeeded"}}','default','2026-11-30T22:34:31.484046820Z','2026-11-30T22:34:31.484046820Z',NULL,5,'40349676c14b6474cdd8436d5cceac0198a46ec286b9e16efee068fd8dd5af6f');
INSERT INTO azure_resource_groups VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev','rg-dev','d3e0d3e0-0000-4000-8000-000000000002','westeurope','Succeeded',NULL,'{"env":"test"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev","name":"rg-dev","type":"microsoft.resources/subscriptions/resourcegroups","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000002","resourceGroup":"rg-dev","tags":{"env":"test"},"properties":{"provisioningState":"Succeeded"}}','default','2026-11-30T22:34:31.484046820Z','2026-11-30T22:34:31.484046820Z',NULL,5,'d6b9a533890f668524cbcdc43c185bb54bf1e3a65cd157fa413b4e7c724f1d35');
CREATE TABLE entra_users (
  id TEXT NOT NULL,
  user_principal_name TEXT,
  display_name TEXT,
  mail TEXT,
  account_enabled INTEGER,
  user_type TEXT,
  created_date_time TEXT,
  job_title TEXT,
  department TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO entra_users VALUES('0000a000-0000-4000-8000-000000000000','user0@contoso.example','User 0','user0@contoso.example',0,'Member','2024-05-06T07:08:09Z','Engineer','Security','{"id":"0000a000-0000-4000-8000-000000000000","userPrincipalName":"user0@contoso.example","displayName":"User 0","mail":"user0@contoso.example","accountEnabled":false,"userType":"Member","createdDateTime":"2024-05-06T07:08:09Z","jobTitle":"Engineer","department":"Security"}','default','2026-11-30T22:34:31.562605005Z','2026-11-30T22:34:31.562605005Z',NULL,12,'4df393b07f30bf4a54b5db1d355cd152f5b481db4dd50e102aa69f06ba41f2ea');
INSERT INTO entra_users VALUES('0000a000-0000-4000-8000-000000000001','user1@contoso.example','User 1','user1@contoso.example',1,'Member','2024-05-06T07:08:09Z','Engineer','Security','{"id":"0000a000-0000-4000-8000-000000000001","userPrincipalName":"user1@contoso.example","displayName":"User 1","mail":"user1@contoso.example","accountEnabled":true,"userType":"Member","createdDateTime":"2024-05-06T07:08:09Z","jobTitle":"Engineer","department":"Security"}','default','2026-11-30T22:34:31.562605005Z','2026-11-30T22:34:31.562605005Z',NULL,12,'c1f1cd1422db2de60df49f2969f73ba5465948178c9ed0fb0ecda8cc27a5ec34');
INSERT INTO entra_users VALUES('0000a000-0000-4000-8000-999999999999','guest_fabrikam.example#EXT#@contoso.onmicrosoft.com','Zoë Guest',NULL,1,'Guest','2024-05-06T07:08:09Z','Engineer','Security','{"id":"0000a000-0000-4000-8000-999999999999","userPrincipalName":"guest_fabrikam.example#EXT#@contoso.onmicrosoft.com","displayName":"Zoë Guest","mail":null,"accountEnabled":true,"userType":"Guest","createdDateTime":"2024-05-06T07:08:09Z","jobTitle":"Engineer","department":"Security"}','default','2026-11-30T22:34:31.562605005Z','2026-11-30T22:34:31.562605005Z',NULL,12,'b6d37b4188890e19d03e4f4b115d8da22eb8cfa7520e3f5953787a6b1c67c355');
CREATE TABLE azure_network_security_groups (
  id TEXT NOT NULL,
  name TEXT,
  subscription_id TEXT,
  resource_group TEXT,
  location TEXT,
  security_rules TEXT,
  network_interface_ids TEXT,
  subnet_ids TEXT,
  provisioning_state TEXT,
  tags TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO azure_network_security_groups VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/networksecuritygroups/vm-0000-nsg','vm-0000-nsg','d3e0d3e0-0000-4000-8000-000000000001','rg-prod','westeurope','[{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkSecurityGroups/vm-0000-nsg/securityRules/allow-rdp","name":"allow-rdp","properties":{"protocol":"Tcp","sourcePortRange":"*","destinationPortRange":"3389","sourceAddressPrefix":"Internet","destinationAddressPrefix":"*","access":"Allow","priority":100,"direction":"Inbound"}}]','[]','[]',NULL,'{"env":"test"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkSecurityGroups/vm-0000-nsg","name":"vm-0000-nsg","type":"microsoft.network/networksecuritygroups","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","resourceGroup":"rg-prod","tags":{"env":"test"},"properties":{"securityRules":[{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkSecurityGroups/vm-0000-nsg/securityRules/allow-rdp","name":"allow-rdp","properties":{"protocol":"Tcp","sourcePortRange":"*","destinationPortRange":"3389","sourceAddressPrefix":"Internet","destinationAddressPrefix":"*","access":"Allow","priority":100,"direction":"Inbound"}}]}}','default','2026-11-30T22:34:31.374210042Z','2026-11-30T22:34:31.374210042Z',NULL,3,'ed8185fc5b98cd749fd23a7be697e41792d17d0675b210887657b6132b197a23');
CREATE TABLE entra_group_members (
  group_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  member_type TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (group_id, member_id)
);
INSERT INTO entra_group_members VALUES('0000b000-0000-4000-8000-000000000001','0000b000-0000-4000-8000-000000000002','group','default','2026-11-30T22:34:31.545718114Z','2026-11-30T22:34:31.545718114Z',NULL,11,'f52edc03e8427c7d670715d15d3cd4824fe8e8ffa147cfc0d8a327dc18c09e6e');
INSERT INTO entra_group_members VALUES('0000b000-0000-4000-8000-000000000002','0000a000-0000-4000-8000-000000000000','user','default','2026-11-30T22:34:31.545718114Z','2026-11-30T22:34:31.545718114Z',NULL,11,'f0e4e823104ecd8f81ef7306d0c1bc9544fd3a48e029a518444a1c67366fe8c1');
INSERT INTO entra_group_members VALUES('0000b000-0000-4000-8000-000000000002','0000a000-0000-4000-8000-000000000001','user','default','2026-11-30T22:34:31.545718114Z','2026-11-30T22:34:31.545718114Z',NULL,11,'04c1980e6c232c46a5f4a4cf343129b58cf733e48dda6fd375f65563258feb9b');
CREATE TABLE azure_public_ip_addresses (
  id TEXT NOT NULL,
  name TEXT,
  subscription_id TEXT,
  resource_group TEXT,
  location TEXT,
  ip_address TEXT,
  ip_version TEXT,
  fqdn TEXT,
  allocation_method TEXT,
  ip_configuration_id TEXT,
  sku TEXT,
  provisioning_state TEXT,
  tags TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO azure_public_ip_addresses VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/publicipaddresses/vm-0000-ip','vm-0000-ip','d3e0d3e0-0000-4000-8000-000000000001','rg-prod','westeurope','20.0.0.1',NULL,'vm-0000-ip.westeurope.cloudapp.azure.com','Static','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/networkinterfaces/vm-0000-nic/ipconfigurations/ipconfig2',NULL,NULL,'{"env":"test"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/publicIPAddresses/vm-0000-ip","name":"vm-0000-ip","type":"microsoft.network/publicipaddresses","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","resourceGroup":"rg-prod","tags":{"env":"test"},"properties":{"ipAddress":"20.0.0.1","publicIPAllocationMethod":"Static","dnsSettings":{"fqdn":"vm-0000-ip.westeurope.cloudapp.azure.com"},"ipConfiguration":{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkInterfaces/vm-0000-nic/ipConfigurations/ipconfig2"}}}','default','2026-11-30T22:34:31.386484493Z','2026-11-30T22:34:31.386484493Z',NULL,4,'6d9d2e93cbc17d17491e6c96355bc69c05f45010581ab400e53137a414e41ac6');
CREATE TABLE entra_groups (
  id TEXT NOT NULL,
  display_name TEXT,
  description TEXT,
  mail TEXT,
  mail_enabled INTEGER,
  security_enabled INTEGER,
  group_types TEXT,
  created_date_time TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO entra_groups VALUES('0000b000-0000-4000-8000-000000000001','All Staff',NULL,NULL,0,1,'[]','2023-01-02T03:04:05Z','{"id":"0000b000-0000-4000-8000-000000000001","displayName":"All Staff","mailEnabled":false,"securityEnabled":true,"groupTypes":[],"createdDateTime":"2023-01-02T03:04:05Z","members@delta":[{"@odata.type":"#microsoft.graph.group","id":"0000b000-0000-4000-8000-000000000002"}]}','default','2026-11-30T22:34:31.545718114Z','2026-11-30T22:34:31.545718114Z',NULL,11,'2330ed3aa6bdadbdbc1ca930b9cdb846faa026f76dc119cc727d9fe65096beba');
INSERT INTO entra_groups VALUES('0000b000-0000-4000-8000-000000000002','Engineering',NULL,NULL,0,1,'[]','2023-01-02T03:04:05Z','{"id":"0000b000-0000-4000-8000-000000000002","displayName":"Engineering","mailEnabled":false,"securityEnabled":true,"groupTypes":[],"createdDateTime":"2023-01-02T03:04:05Z","members@delta":[{"@odata.type":"#microsoft.graph.user","id":"0000a000-0000-4000-8000-000000000000"},{"@odata.type":"#microsoft.graph.user","id":"0000a000-0000-4000-8000-000000000001"}]}','default','2026-11-30T22:34:31.545718114Z','2026-11-30T22:34:31.545718114Z',NULL,11,'e29e03e0c9e881edcd7717a7a3b6d421e4a9a3fae9578491718953499da95e08');
CREATE TABLE azure_management_groups (
  id TEXT NOT NULL,
  name TEXT,
  display_name TEXT,
  tenant_id TEXT,
  parent_id TEXT,
  ancestors TEXT,
  updated_time TEXT,
  tags TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO azure_management_groups VALUES('/providers/microsoft.management/managementgroups/development','development','Group development','8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90','/providers/microsoft.management/managementgroups/root','[]',NULL,'{"env":"test"}','{"id":"/providers/Microsoft.Management/managementGroups/development","name":"development","type":"microsoft.management/managementgroups","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","tags":{"env":"test"},"properties":{"displayName":"Group development","details":{"parent":{"id":"/providers/Microsoft.Management/managementGroups/root"}}}}','default','2026-11-30T22:34:31.367409123Z','2026-11-30T22:34:31.367409123Z',NULL,1,'10543406b4a67eb8b9f75c0663fa0fd7539ec06f143418d9a91ac125a0154df8');
INSERT INTO azure_management_groups VALUES('/providers/microsoft.management/managementgroups/production','production','Group production','8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90','/providers/microsoft.management/managementgroups/root','[]',NULL,'{"env":"test"}','{"id":"/providers/Microsoft.Management/managementGroups/production","name":"production","type":"microsoft.management/managementgroups","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","tags":{"env":"test"},"properties":{"displayName":"Group production","details":{"parent":{"id":"/providers/Microsoft.Management/managementGroups/root"}}}}','default','2026-11-30T22:34:31.367409123Z','2026-11-30T22:34:31.367409123Z',NULL,1,'7e3258858ab03f4a8188bd0aefa16b85d0457a3511ae8bd208810ac250315021');
INSERT INTO azure_management_groups VALUES('/providers/microsoft.management/managementgroups/root','root','Group root','8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90',NULL,'[]',NULL,'{"env":"test"}','{"id":"/providers/Microsoft.Management/managementGroups/root","name":"root","type":"microsoft.management/managementgroups","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","tags":{"env":"test"},"properties":{"displayName":"Group root"}}','default','2026-11-30T22:34:31.367409123Z','2026-11-30T22:34:31.367409123Z',NULL,1,'69bef42ad60bdc5cce9d55d0466c639f02a2210f49526b2c2b672be235c9abe4');
CREATE TABLE azure_subscriptions (
  id TEXT NOT NULL,
  subscription_id TEXT,
  name TEXT,
  display_name TEXT,
  tenant_id TEXT,
  state TEXT,
  quota_id TEXT,
  spending_limit TEXT,
  authorization_source TEXT,
  management_group_ancestors TEXT,
  tags TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO azure_subscriptions VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001','d3e0d3e0-0000-4000-8000-000000000001','Subscription d3e0d3e0','Subscription d3e0d3e0','8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90','Enabled','PayAsYouGo_2014-09-01','Off',NULL,'["production","root"]','{"env":"test"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001","name":"Subscription d3e0d3e0","type":"microsoft.resources/subscriptions","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","tags":{"env":"test"},"properties":{"state":"Enabled","subscriptionPolicies":{"quotaId":"PayAsYouGo_2014-09-01","spendingLimit":"Off"},"managementGroupAncestorsChain":[{"name":"production","displayName":"Group production"},{"name":"root","displayName":"Group root"}]}}','default','2026-11-30T22:34:31.484612633Z','2026-11-30T22:34:31.484612633Z',NULL,6,'fbe60bc03c9222ea207f60dd52af1a4121a9541400de52b9a38bda6f1f786096');
INSERT INTO azure_subscriptions VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000002','d3e0d3e0-0000-4000-8000-000000000002','Subscription d3e0d3e0','Subscription d3e0d3e0','8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90','Enabled','PayAsYouGo_2014-09-01','Off',NULL,'["development","root"]','{"env":"test"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002","name":"Subscription d3e0d3e0","type":"microsoft.resources/subscriptions","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000002","tags":{"env":"test"},"properties":{"state":"Enabled","subscriptionPolicies":{"quotaId":"PayAsYouGo_2014-09-01","spendingLimit":"Off"},"managementGroupAncestorsChain":[{"name":"development","displayName":"Group development"},{"name":"root","displayName":"Group root"}]}}','default','2026-11-30T22:34:31.484612633Z','2026-11-30T22:34:31.484612633Z',NULL,6,'8a6fe34ce0b1a1fbfbcc940fa28c613ce3860330ef0ccffa235e78ad30628858');
CREATE TABLE azure_network_security_group_rules (
  id TEXT NOT NULL,
  nsg_id TEXT,
  subscription_id TEXT,
  name TEXT,
  direction TEXT,
  access TEXT,
  priority INTEGER,
  protocol TEXT,
  source_address_prefix TEXT,
  source_address_prefixes TEXT,
  destination_port_range TEXT,
  destination_port_low INTEGER,
  destination_port_high INTEGER,
  destination_port_ranges TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO azure_network_security_group_rules VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/networksecuritygroups/vm-0000-nsg/securityrules/allow-rdp','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/networksecuritygroups/vm-0000-nsg','d3e0d3e0-0000-4000-8000-000000000001','allow-rdp','Inbound','Allow',100,'Tcp','Internet','[]','3389',3389,3389,'[]','default','2026-11-30T22:34:31.374210042Z','2026-11-30T22:34:31.374210042Z',NULL,3,'e4fb2a31fd774dbc93f8acd399e47f308b97df131b730de87a06b4e7008d4500');
CREATE TABLE azure_virtual_networks (
  id TEXT NOT NULL,
  name TEXT,
  subscription_id TEXT,
  resource_group TEXT,
  location TEXT,
  address_prefixes TEXT,
  subnet_ids TEXT,
  subnet_prefixes TEXT,
  ddos_protection_enabled INTEGER,
  provisioning_state TEXT,
  tags TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
CREATE TABLE azure_virtual_machines (
  id TEXT NOT NULL,
  vm_id TEXT,
  name TEXT,
  subscription_id TEXT,
  resource_group TEXT,
  location TEXT,
  vm_size TEXT,
  os_type TEXT,
  image_publisher TEXT,
  image_offer TEXT,
  image_sku TEXT,
  image_version TEXT,
  computer_name TEXT,
  power_state TEXT,
  provisioning_state TEXT,
  time_created TEXT,
  network_interface_ids TEXT,
  tags TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO azure_virtual_machines VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0000','2357d6e0-27d7-3a74-99ef-3d7fcef5c778','vm-0000','d3e0d3e0-0000-4000-8000-000000000001','rg-prod','westeurope','Standard_D2s_v5','linux','Canonical','0001-com-ubuntu-server-jammy','22_04-lts-gen2','22.04.202411010','vm-0000','PowerState/running','Succeeded','2025-03-04T05:06:07.123456700Z','["/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/networkinterfaces/vm-0000-nic"]','{"env":"test","environment":"production"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0000","name":"vm-0000","type":"microsoft.compute/virtualmachines","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","resourceGroup":"rg-prod","tags":{"env":"test","environment":"production"},"properties":{"vmId":"2357d6e0-27d7-3a74-99ef-3d7fcef5c778","hardwareProfile":{"vmSize":"Standard_D2s_v5"},"storageProfile":{"imageReference":{"publisher":"Canonical","offer":"0001-com-ubuntu-server-jammy","sku":"22_04-lts-gen2","version":"latest","exactVersion":"22.04.202411010"},"osDisk":{"osType":"Linux","name":"vm-0000-osdisk"}},"osProfile":{"computerName":"vm-0000"},"networkProfile":{"networkInterfaces":[{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkInterfaces/vm-0000-nic"}]},"provisioningState":"Succeeded","timeCreated":"2025-03-04T05:06:07.1234567+00:00","extended":{"instanceView":{"powerState":{"code":"PowerState/running"}}}}}','default','2026-11-30T22:34:31.494141891Z','2026-11-30T22:34:31.494141891Z',NULL,7,'79a02708699cfee2d1f1fe9b1bb03949def1967110ffb8f8d7fa6a88336330d0');
INSERT INTO azure_virtual_machines VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0002','f230db83-601f-3f9c-923c-f3871c47b995','vm-0002','d3e0d3e0-0000-4000-8000-000000000001','rg-prod','westeurope','Standard_D2s_v5','linux','Canonical','0001-com-ubuntu-server-jammy','22_04-lts-gen2','22.04.202411010','vm-0002','PowerState/running','Succeeded','2025-03-04T05:06:07.123456700Z','["/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/networkinterfaces/vm-0002-nic"]','{"env":"test","environment":"production"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0002","name":"vm-0002","type":"microsoft.compute/virtualmachines","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","resourceGroup":"rg-prod","tags":{"env":"test","environment":"production"},"properties":{"vmId":"f230db83-601f-3f9c-923c-f3871c47b995","hardwareProfile":{"vmSize":"Standard_D2s_v5"},"storageProfile":{"imageReference":{"publisher":"Canonical","offer":"0001-com-ubuntu-server-jammy","sku":"22_04-lts-gen2","version":"latest","exactVersion":"22.04.202411010"},"osDisk":{"osType":"Linux","name":"vm-0002-osdisk"}},"osProfile":{"computerName":"vm-0002"},"networkProfile":{"networkInterfaces":[{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkInterfaces/vm-0002-nic"}]},"provisioningState":"Succeeded","timeCreated":"2025-03-04T05:06:07.1234567+00:00","extended":{"instanceView":{"powerState":{"code":"PowerState/running"}}}}}','default','2026-11-30T22:34:31.494141891Z','2026-11-30T22:34:31.494141891Z',NULL,7,'eaee99e0be8f486b234847435b735145dc142ad6d4c3d5ada32acb7bce50d388');
INSERT INTO azure_virtual_machines VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.compute/virtualmachines/vm-0001','6927415d-a196-30ec-a3dc-82a7b2edee83','vm-0001','d3e0d3e0-0000-4000-8000-000000000002','rg-dev','westeurope','Standard_D2s_v5','linux','Canonical','0001-com-ubuntu-server-jammy','22_04-lts-gen2','22.04.202411010','vm-0001','PowerState/running','Succeeded','2025-03-04T05:06:07.123456700Z','["/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.network/networkinterfaces/vm-0001-nic"]','{"env":"test","environment":"development"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-0001","name":"vm-0001","type":"microsoft.compute/virtualmachines","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000002","resourceGroup":"rg-dev","tags":{"env":"test","environment":"development"},"properties":{"vmId":"6927415d-a196-30ec-a3dc-82a7b2edee83","hardwareProfile":{"vmSize":"Standard_D2s_v5"},"storageProfile":{"imageReference":{"publisher":"Canonical","offer":"0001-com-ubuntu-server-jammy","sku":"22_04-lts-gen2","version":"latest","exactVersion":"22.04.202411010"},"osDisk":{"osType":"Linux","name":"vm-0001-osdisk"}},"osProfile":{"computerName":"vm-0001"},"networkProfile":{"networkInterfaces":[{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Network/networkInterfaces/vm-0001-nic"}]},"provisioningState":"Succeeded","timeCreated":"2025-03-04T05:06:07.1234567+00:00","extended":{"instanceView":{"powerState":{"code":"PowerState/running"}}}}}','default','2026-11-30T22:34:31.494141891Z','2026-11-30T22:34:31.494141891Z',NULL,7,'4679087523bfb6ec9ec2c1f4ddb94258dc177f80a213a619d04ae1c8b71eb01f');
CREATE TABLE entra_devices (
  id TEXT NOT NULL,
  device_id TEXT,
  display_name TEXT,
  operating_system TEXT,
  operating_system_version TEXT,
  account_enabled INTEGER,
  trust_type TEXT,
  is_compliant INTEGER,
  is_managed INTEGER,
  approximate_last_sign_in_date_time TEXT,
  registration_date_time TEXT,
  physical_ids TEXT,
  azure_resource_id TEXT,
  azure_vm_id TEXT,
  mac_address TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO entra_devices VALUES('0000c000-0000-4000-8000-000000000000','0000e000-0000-4000-8000-000000000000','vm-0000','Windows','10.0.22631.4460',1,'AzureAd',1,1,'2026-11-20T10:00:00Z','2025-01-01T00:00:00Z','["[AzureResourceId]:/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0000"]','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0000',NULL,NULL,'{"id":"0000c000-0000-4000-8000-000000000000","deviceId":"0000e000-0000-4000-8000-000000000000","displayName":"vm-0000","operatingSystem":"Windows","operatingSystemVersion":"10.0.22631.4460","accountEnabled":true,"trustType":"AzureAd","isCompliant":true,"isManaged":true,"approximateLastSignInDateTime":"2026-11-20T10:00:00Z","registrationDateTime":"2025-01-01T00:00:00Z","physicalIds":["[AzureResourceId]:/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0000"]}','default','2026-11-30T22:34:31.538658426Z','2026-11-30T22:34:31.538658426Z',NULL,10,'774f84100df327e500a1678b0297b4cd1c066a4e984d9593b85f672af8483bb1');
INSERT INTO entra_devices VALUES('0000c000-0000-4000-8000-000000000001','0000e000-0000-4000-8000-000000000001','vm-0001','Windows','10.0.22631.4460',1,'AzureAd',1,1,'2026-11-20T10:00:00Z','2025-01-01T00:00:00Z','["[AzureResourceId]:/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-0001"]','/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.compute/virtualmachines/vm-0001',NULL,NULL,'{"id":"0000c000-0000-4000-8000-000000000001","deviceId":"0000e000-0000-4000-8000-000000000001","displayName":"vm-0001","operatingSystem":"Windows","operatingSystemVersion":"10.0.22631.4460","accountEnabled":true,"trustType":"AzureAd","isCompliant":true,"isManaged":true,"approximateLastSignInDateTime":"2026-11-20T10:00:00Z","registrationDateTime":"2025-01-01T00:00:00Z","physicalIds":["[AzureResourceId]:/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-0001"]}','default','2026-11-30T22:34:31.538658426Z','2026-11-30T22:34:31.538658426Z',NULL,10,'a69fe98a50b7f83b6684cc0ab0bacfc5218e1f3901d317d01f30d8ebaf72746f');
INSERT INTO entra_devices VALUES('0000c000-0000-4000-8000-000000000002','0000e000-0000-4000-8000-000000000002','vm-0002','Windows','10.0.22631.4460',1,'AzureAd',1,1,'2026-11-20T10:00:00Z','2025-01-01T00:00:00Z','["[AzureResourceId]:/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0002"]','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0002',NULL,NULL,'{"id":"0000c000-0000-4000-8000-000000000002","deviceId":"0000e000-0000-4000-8000-000000000002","displayName":"vm-0002","operatingSystem":"Windows","operatingSystemVersion":"10.0.22631.4460","accountEnabled":true,"trustType":"AzureAd","isCompliant":true,"isManaged":true,"approximateLastSignInDateTime":"2026-11-20T10:00:00Z","registrationDateTime":"2025-01-01T00:00:00Z","physicalIds":["[AzureResourceId]:/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0002"]}','default','2026-11-30T22:34:31.538658426Z','2026-11-30T22:34:31.538658426Z',NULL,10,'5cfc4b186f5baae3b839c9e64e2540abb805c1a0be99932665489343385d93ac');
INSERT INTO entra_devices VALUES('0000c000-0000-4000-8000-999999999999','0000e000-0000-4000-8000-999999999999','laptop-zoe','Windows','10.0.22631.4460',1,'AzureAd',1,1,'2026-11-20T10:00:00Z','2025-01-01T00:00:00Z','[]',NULL,NULL,NULL,'{"id":"0000c000-0000-4000-8000-999999999999","deviceId":"0000e000-0000-4000-8000-999999999999","displayName":"laptop-zoe","operatingSystem":"Windows","operatingSystemVersion":"10.0.22631.4460","accountEnabled":true,"trustType":"AzureAd","isCompliant":true,"isManaged":true,"approximateLastSignInDateTime":"2026-11-20T10:00:00Z","registrationDateTime":"2025-01-01T00:00:00Z"}','default','2026-11-30T22:34:31.538658426Z','2026-11-30T22:34:31.538658426Z',NULL,10,'c53cf2180fbea0c26ee2473679040fd31aeffe641eaa8303208d55641714ff31');
CREATE TABLE azure_network_interfaces (
  id TEXT NOT NULL,
  name TEXT,
  subscription_id TEXT,
  resource_group TEXT,
  location TEXT,
  virtual_machine_id TEXT,
  mac_address TEXT,
  private_ip_address TEXT,
  private_ip_addresses TEXT,
  public_ip_address_ids TEXT,
  subnet_ids TEXT,
  network_security_group_id TEXT,
  primary_nic INTEGER,
  provisioning_state TEXT,
  tags TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO azure_network_interfaces VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/networkinterfaces/vm-0000-nic','vm-0000-nic','d3e0d3e0-0000-4000-8000-000000000001','rg-prod','westeurope','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0000','00-0D-3A-AA-BB-CC','10.0.0.4','["10.0.0.4","10.1.0.4"]','["/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/publicipaddresses/vm-0000-ip"]','[]','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/networksecuritygroups/vm-0000-nsg',1,NULL,'{"env":"test"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkInterfaces/vm-0000-nic","name":"vm-0000-nic","type":"microsoft.network/networkinterfaces","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","resourceGroup":"rg-prod","tags":{"env":"test"},"properties":{"macAddress":"00-0D-3A-AA-BB-CC","virtualMachine":{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0000"},"ipConfigurations":[{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkInterfaces/vm-0000-nic/ipConfigurations/ipconfig1","properties":{"privateIPAddress":"10.0.0.4"}},{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkInterfaces/vm-0000-nic/ipConfigurations/ipconfig2","properties":{"privateIPAddress":"10.1.0.4","publicIPAddress":{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/publicIPAddresses/vm-0000-ip"}}}],"primary":true,"networkSecurityGroup":{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkSecurityGroups/vm-0000-nsg"}}}','default','2026-11-30T22:34:31.440188088Z','2026-11-30T22:34:31.440188088Z',NULL,2,'b470e81ab923cc87c42d696d3db77ad2c8d51a8c8dfd3c5d37fd2e9000a37f12');
INSERT INTO azure_network_interfaces VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/networkinterfaces/vm-0002-nic','vm-0002-nic','d3e0d3e0-0000-4000-8000-000000000001','rg-prod','westeurope','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0002','00-0D-3A-AA-BB-CC','10.0.0.6','["10.0.0.6","10.1.0.6"]','["/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.network/publicipaddresses/vm-0002-ip"]','[]',NULL,1,NULL,'{"env":"test"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkInterfaces/vm-0002-nic","name":"vm-0002-nic","type":"microsoft.network/networkinterfaces","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","resourceGroup":"rg-prod","tags":{"env":"test"},"properties":{"macAddress":"00-0D-3A-AA-BB-CC","virtualMachine":{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0002"},"ipConfigurations":[{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkInterfaces/vm-0002-nic/ipConfigurations/ipconfig1","properties":{"privateIPAddress":"10.0.0.6"}},{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkInterfaces/vm-0002-nic/ipConfigurations/ipconfig2","properties":{"privateIPAddress":"10.1.0.6","publicIPAddress":{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/publicIPAddresses/vm-0002-ip"}}}],"primary":true}}','default','2026-11-30T22:34:31.440188088Z','2026-11-30T22:34:31.440188088Z',NULL,2,'1590403bf4cfb944134fd3a9551e748039d57388cdceac49b6029c89e7193dc1');
INSERT INTO azure_network_interfaces VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.network/networkinterfaces/vm-0001-nic','vm-0001-nic','d3e0d3e0-0000-4000-8000-000000000002','rg-dev','westeurope','/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.compute/virtualmachines/vm-0001','00-0D-3A-AA-BB-CC','10.0.0.5','["10.0.0.5","10.1.0.5"]','["/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.network/publicipaddresses/vm-0001-ip"]','[]',NULL,1,NULL,'{"env":"test"}','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Network/networkInterfaces/vm-0001-nic","name":"vm-0001-nic","type":"microsoft.network/networkinterfaces","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","location":"westeurope","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000002","resourceGroup":"rg-dev","tags":{"env":"test"},"properties":{"macAddress":"00-0D-3A-AA-BB-CC","virtualMachine":{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-0001"},"ipConfigurations":[{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Network/networkInterfaces/vm-0001-nic/ipConfigurations/ipconfig1","properties":{"privateIPAddress":"10.0.0.5"}},{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Network/networkInterfaces/vm-0001-nic/ipConfigurations/ipconfig2","properties":{"privateIPAddress":"10.1.0.5","publicIPAddress":{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Network/publicIPAddresses/vm-0001-ip"}}}],"primary":true}}','default','2026-11-30T22:34:31.440188088Z','2026-11-30T22:34:31.440188088Z',NULL,2,'369d61c1002328c879d790e2d76cec7bdcbbce1b90bcb522f66438bbfd0818c9');
CREATE TABLE defender_assessments (
  id TEXT NOT NULL,
  assessment_key TEXT,
  subscription_id TEXT,
  resource_id TEXT,
  resource_source TEXT,
  display_name TEXT,
  status_code TEXT,
  status_cause TEXT,
  status_description TEXT,
  first_evaluation_date TEXT,
  status_change_date TEXT,
  severity TEXT,
  categories TEXT,
  user_impact TEXT,
  implementation_effort TEXT,
  threats TEXT,
  tactics TEXT,
  techniques TEXT,
  technique_ids TEXT,
  policy_definition_id TEXT,
  assessment_type TEXT,
  description TEXT,
  remediation_description TEXT,
  portal_link TEXT,
  raw TEXT,
  connector TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  deleted_at TEXT,
  last_run_id BIGINT NOT NULL,
  row_hash TEXT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO defender_assessments VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0002/providers/microsoft.security/assessments/endpoint-protection-2','endpoint-protection-2','d3e0d3e0-0000-4000-8000-000000000001','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0002','Azure','Recommendation endpoint-protection-2','Healthy',NULL,NULL,'2026-01-01T00:00:00Z','2026-02-01T00:00:00Z','High','["Compute"]','Low','Moderate','["dataExfiltration"]','["Initial Access"]','["Exploit Public-Facing Application"]','["T1190"]','/providers/microsoft.authorization/policydefinitions/endpoint-protection-2','BuiltIn','Why endpoint-protection-2 matters','How to fix endpoint-protection-2','https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/endpoint-protection-2','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0002/providers/Microsoft.Security/assessments/endpoint-protection-2","name":"endpoint-protection-2","type":"microsoft.security/assessments","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","tags":{"env":"test"},"properties":{"resourceDetails":{"Source":"Azure","Id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0002"},"displayName":"Recommendation endpoint-protection-2","status":{"code":"Healthy","firstEvaluationDate":"2026-01-01T00:00:00Z","statusChangeDate":"2026-02-01T00:00:00Z"},"metadata":{"displayName":"Recommendation endpoint-protection-2","severity":"High","categories":["Compute"],"userImpact":"Low","implementationEffort":"Moderate","threats":["dataExfiltration"],"tactics":["Initial Access"],"techniques":["Exploit Public-Facing Application"],"policyDefinitionId":"/providers/Microsoft.Authorization/policyDefinitions/endpoint-protection-2","assessmentType":"BuiltIn","description":"Why endpoint-protection-2 matters","remediationDescription":"How to fix endpoint-protection-2"},"links":{"azurePortal":"portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/endpoint-protection-2"}}}','default','2026-11-30T22:34:31.594690562Z','2026-11-30T22:34:31.594690562Z',NULL,9,'873285a858779cbb394f212667eab92ae2282e913f37ac020ababd87f7d27976');
INSERT INTO defender_assessments VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0002/providers/microsoft.security/assessments/management-ports-2','management-ports-2','d3e0d3e0-0000-4000-8000-000000000001','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0002','Azure','Recommendation management-ports-2','Healthy',NULL,NULL,'2026-01-01T00:00:00Z','2026-02-01T00:00:00Z','High','["Compute"]','Low','Moderate','["dataExfiltration"]','["Initial Access"]','["Brute Force"]','["T1110"]','/providers/microsoft.authorization/policydefinitions/management-ports-2','BuiltIn','Why management-ports-2 matters','How to fix management-ports-2','https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/management-ports-2','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0002/providers/Microsoft.Security/assessments/management-ports-2","name":"management-ports-2","type":"microsoft.security/assessments","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","tags":{"env":"test"},"properties":{"resourceDetails":{"Source":"Azure","Id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0002"},"displayName":"Recommendation management-ports-2","status":{"code":"Healthy","firstEvaluationDate":"2026-01-01T00:00:00Z","statusChangeDate":"2026-02-01T00:00:00Z"},"metadata":{"displayName":"Recommendation management-ports-2","severity":"High","categories":["Compute"],"userImpact":"Low","implementationEffort":"Moderate","threats":["dataExfiltration"],"tactics":["Initial Access"],"techniques":["Brute Force"],"policyDefinitionId":"/providers/Microsoft.Authorization/policyDefinitions/management-ports-2","assessmentType":"BuiltIn","description":"Why management-ports-2 matters","remediationDescription":"How to fix management-ports-2"},"links":{"azurePortal":"portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/management-ports-2"}}}','default','2026-11-30T22:34:31.594690562Z','2026-11-30T22:34:31.594690562Z',NULL,9,'173eade22add7a0080b735934528a81d176d25e26a877d41a089728162f4ba18');
INSERT INTO defender_assessments VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.compute/virtualmachines/vm-0001/providers/microsoft.security/assessments/endpoint-protection-1','endpoint-protection-1','d3e0d3e0-0000-4000-8000-000000000002','/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.compute/virtualmachines/vm-0001','Azure','Recommendation endpoint-protection-1','Healthy',NULL,NULL,'2026-01-01T00:00:00Z','2026-02-01T00:00:00Z','Medium','["Compute"]','Low','Moderate','["dataExfiltration"]','["Initial Access"]','["Brute Force","External Remote Services"]','["T1110","T1133"]','/providers/microsoft.authorization/policydefinitions/endpoint-protection-1','BuiltIn','Why endpoint-protection-1 matters','How to fix endpoint-protection-1','https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/endpoint-protection-1','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-0001/providers/Microsoft.Security/assessments/endpoint-protection-1","name":"endpoint-protection-1","type":"microsoft.security/assessments","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000002","tags":{"env":"test"},"properties":{"resourceDetails":{"Source":"Azure","Id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-0001"},"displayName":"Recommendation endpoint-protection-1","status":{"code":"Healthy","firstEvaluationDate":"2026-01-01T00:00:00Z","statusChangeDate":"2026-02-01T00:00:00Z"},"metadata":{"displayName":"Recommendation endpoint-protection-1","severity":"Medium","categories":["Compute"],"userImpact":"Low","implementationEffort":"Moderate","threats":["dataExfiltration"],"tactics":["Initial Access"],"techniques":["Brute Force","External Remote Services"],"policyDefinitionId":"/providers/Microsoft.Authorization/policyDefinitions/endpoint-protection-1","assessmentType":"BuiltIn","description":"Why endpoint-protection-1 matters","remediationDescription":"How to fix endpoint-protection-1"},"links":{"azurePortal":"portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/endpoint-protection-1"}}}','default','2026-11-30T22:34:31.628424978Z','2026-11-30T22:34:31.628424978Z',NULL,9,'8955176ac9b3757536f5e8b60c0439891685dbbbce5b020e8d7c1f8e3a913236');
INSERT INTO defender_assessments VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.compute/virtualmachines/vm-0001/providers/microsoft.security/assessments/management-ports-1','management-ports-1','d3e0d3e0-0000-4000-8000-000000000002','/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourcegroups/rg-dev/providers/microsoft.compute/virtualmachines/vm-0001','Azure','Recommendation management-ports-1','Healthy',NULL,NULL,'2026-01-01T00:00:00Z','2026-02-01T00:00:00Z','High','["Compute"]','Low','Moderate','["dataExfiltration"]','["Initial Access"]','["Brute Force"]','["T1110"]','/providers/microsoft.authorization/policydefinitions/management-ports-1','BuiltIn','Why management-ports-1 matters','How to fix management-ports-1','https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/management-ports-1','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-0001/providers/Microsoft.Security/assessments/management-ports-1","name":"management-ports-1","type":"microsoft.security/assessments","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000002","tags":{"env":"test"},"properties":{"resourceDetails":{"Source":"Azure","Id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000002/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-0001"},"displayName":"Recommendation management-ports-1","status":{"code":"Healthy","firstEvaluationDate":"2026-01-01T00:00:00Z","statusChangeDate":"2026-02-01T00:00:00Z"},"metadata":{"displayName":"Recommendation management-ports-1","severity":"High","categories":["Compute"],"userImpact":"Low","implementationEffort":"Moderate","threats":["dataExfiltration"],"tactics":["Initial Access"],"techniques":["Brute Force"],"policyDefinitionId":"/providers/Microsoft.Authorization/policyDefinitions/management-ports-1","assessmentType":"BuiltIn","description":"Why management-ports-1 matters","remediationDescription":"How to fix management-ports-1"},"links":{"azurePortal":"portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/management-ports-1"}}}','default','2026-11-30T22:34:31.628424978Z','2026-11-30T22:34:31.628424978Z',NULL,9,'c9a22a1af0ab603f7c213003cd6c43899e713ff4c5b3bb1bacf85ae02444b756');
INSERT INTO defender_assessments VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0000/providers/microsoft.security/assessments/endpoint-protection-0','endpoint-protection-0','d3e0d3e0-0000-4000-8000-000000000001','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0000','Azure','Recommendation endpoint-protection-0','Unhealthy',NULL,NULL,'2026-01-01T00:00:00Z','2026-02-01T00:00:00Z','Low','["Compute"]','Low','Moderate','["dataExfiltration"]','["Initial Access"]','["Valid Accounts"]','["T1078"]','/providers/microsoft.authorization/policydefinitions/endpoint-protection-0','BuiltIn','Why endpoint-protection-0 matters','How to fix endpoint-protection-0','https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/endpoint-protection-0','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0000/providers/Microsoft.Security/assessments/endpoint-protection-0","name":"endpoint-protection-0","type":"microsoft.security/assessments","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","tags":{"env":"test"},"properties":{"resourceDetails":{"Source":"Azure","Id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0000"},"displayName":"Recommendation endpoint-protection-0","status":{"code":"Unhealthy","firstEvaluationDate":"2026-01-01T00:00:00Z","statusChangeDate":"2026-02-01T00:00:00Z"},"metadata":{"displayName":"Recommendation endpoint-protection-0","severity":"Low","categories":["Compute"],"userImpact":"Low","implementationEffort":"Moderate","threats":["dataExfiltration"],"tactics":["Initial Access"],"techniques":["Valid Accounts"],"policyDefinitionId":"/providers/Microsoft.Authorization/policyDefinitions/endpoint-protection-0","assessmentType":"BuiltIn","description":"Why endpoint-protection-0 matters","remediationDescription":"How to fix endpoint-protection-0"},"links":{"azurePortal":"portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/endpoint-protection-0"}}}','default','2026-11-30T22:34:31.637301921Z','2026-11-30T22:34:31.637301921Z',NULL,9,'38f45754a7e12e48a9f90d631826c24ef358938fe1b52da68e0b8b889f866344');
INSERT INTO defender_assessments VALUES('/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0000/providers/microsoft.security/assessments/management-ports-0','management-ports-0','d3e0d3e0-0000-4000-8000-000000000001','/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-0000','Azure','Recommendation management-ports-0','Unhealthy',NULL,NULL,'2026-01-01T00:00:00Z','2026-02-01T00:00:00Z','High','["Compute"]','Low','Moderate','["dataExfiltration"]','["Initial Access"]','["Brute Force"]','["T1110"]','/providers/microsoft.authorization/policydefinitions/management-ports-0','BuiltIn','Why management-ports-0 matters','How to fix management-ports-0','https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/management-ports-0','{"id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0000/providers/Microsoft.Security/assessments/management-ports-0","name":"management-ports-0","type":"microsoft.security/assessments","tenantId":"8f6c1e2a-0b1d-4c3e-9f5a-7d2b6c4e1a90","subscriptionId":"d3e0d3e0-0000-4000-8000-000000000001","tags":{"env":"test"},"properties":{"resourceDetails":{"Source":"Azure","Id":"/subscriptions/d3e0d3e0-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-0000"},"displayName":"Recommendation management-ports-0","status":{"code":"Unhealthy","firstEvaluationDate":"2026-01-01T00:00:00Z","statusChangeDate":"2026-02-01T00:00:00Z"},"metadata":{"displayName":"Recommendation management-ports-0","severity":"High","categories":["Compute"],"userImpact":"Low","implementationEffort":"Moderate","threats":["dataExfiltration"],"tactics":["Initial Access"],"techniques":["Brute Force"],"policyDefinitionId":"/providers/Microsoft.Authorization/policyDefinitions/management-ports-0","assessmentType":"BuiltIn","description":"Why management-ports-0 matters","remediationDescription":"How to fix management-ports-0"},"links":{"azurePortal":"portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/management-ports-0"}}}','default','2026-11-30T22:34:31.637301921Z','2026-11-30T22:34:31.637301921Z',NULL,9,'136bfc640d93eaafed6b2e6f3cfd6cb18804b5fef2b9ba67778aafa1012bf188');
CREATE TABLE severity_scores (connector TEXT NOT NULL, source_value TEXT NOT NULL, severity INTEGER NOT NULL, score INTEGER NOT NULL, PRIMARY KEY (connector, source_value));
INSERT INTO severity_scores VALUES('default','informational',1,10);
INSERT INTO severity_scores VALUES('default','info',1,10);
INSERT INTO severity_scores VALUES('default','low',2,30);
INSERT INTO severity_scores VALUES('default','medium',3,50);
INSERT INTO severity_scores VALUES('default','moderate',3,50);
INSERT INTO severity_scores VALUES('default','high',4,80);
INSERT INTO severity_scores VALUES('default','critical',5,95);
INSERT INTO severity_scores VALUES('default','*',1,10);
CREATE TABLE identification_rules (connector TEXT NOT NULL, rule TEXT NOT NULL, rule_rank INTEGER NOT NULL, enabled INTEGER NOT NULL, PRIMARY KEY (connector, rule));
INSERT INTO identification_rules VALUES('default','azure-resource-id',1,1);
INSERT INTO identification_rules VALUES('default','vm-id',2,1);
INSERT INTO identification_rules VALUES('default','entra-device',3,1);
INSERT INTO identification_rules VALUES('default','mac-address',4,1);
INSERT INTO identification_rules VALUES('default','hostname',5,1);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('sync_runs',12);
CREATE INDEX sync_runs_stream_idx ON sync_runs (connector, stream, started_at);
CREATE INDEX rejected_records_run_idx ON rejected_records (run_id);
CREATE VIEW asset_network AS
SELECT
  vm.id AS vm_id,
  nic.id AS nic_id,
  nic.mac_address,
  nic.private_ip_address,
  COALESCE(
    (SELECT p.ip_address FROM azure_public_ip_addresses p
     WHERE p.ip_configuration_id LIKE nic.id || '/%' AND p.deleted_at IS NULL AND p.ip_address IS NOT NULL
     ORDER BY p.id LIMIT 1),
    (SELECT p.ip_address FROM azure_public_ip_addresses p JOIN azure_network_interfaces n ON p.ip_configuration_id LIKE n.id || '/%'
     WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL AND p.deleted_at IS NULL AND p.ip_address IS NOT NULL
     ORDER BY p.id LIMIT 1)) AS ip_address,
  COALESCE(
    (SELECT p.fqdn FROM azure_public_ip_addresses p
     WHERE p.ip_configuration_id LIKE nic.id || '/%' AND p.deleted_at IS NULL AND p.fqdn IS NOT NULL
     ORDER BY p.id LIMIT 1),
    (SELECT p.fqdn FROM azure_public_ip_addresses p JOIN azure_network_interfaces n ON p.ip_configuration_id LIKE n.id || '/%'
     WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL AND p.deleted_at IS NULL AND p.fqdn IS NOT NULL
     ORDER BY p.id LIMIT 1)) AS fqdn,
  CASE WHEN EXISTS (
    SELECT 1 FROM azure_network_interfaces n JOIN azure_public_ip_addresses p ON p.ip_configuration_id LIKE n.id || '/%'
    WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL AND p.deleted_at IS NULL) THEN 1 ELSE 0 END AS has_public_ip,
  CASE WHEN EXISTS (
    SELECT 1 FROM azure_network_interfaces n
    JOIN azure_network_security_group_rules r ON r.nsg_id = n.network_security_group_id AND r.deleted_at IS NULL
    WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL
      AND lower(r.direction) = 'inbound' AND lower(r.access) = 'allow'
      AND (r.source_address_prefix IN ('*', 'Internet', '0.0.0.0/0', 'Any')
           OR CAST(r.source_address_prefixes AS TEXT) LIKE '%"0.0.0.0/0"%')
      AND ((r.destination_port_low <= 22 AND r.destination_port_high >= 22)
           OR (r.destination_port_low <= 3389 AND r.destination_port_high >= 3389)
           OR CAST(r.destination_port_ranges AS TEXT) LIKE '%"22"%'
           OR CAST(r.destination_port_ranges AS TEXT) LIKE '%"3389"%')) THEN 1 ELSE 0 END AS management_port_open
FROM azure_virtual_machines vm
LEFT JOIN azure_network_interfaces nic ON nic.id = (
  SELECT n.id FROM azure_network_interfaces n
  WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL
  ORDER BY CASE WHEN n.primary_nic = true THEN 0 ELSE 1 END, n.id LIMIT 1);
CREATE VIEW findings AS
SELECT
  a.id AS external_finding_id,
  CASE WHEN vm.id IS NOT NULL THEN 'azure:' || vm.id END AS asset_uid,
  vm.vm_id AS external_asset_id,
  a.resource_id AS azure_resource_id,
  a.display_name AS finding_name,
  a.description AS finding_description,
  COALESCE(s.severity, d.severity) AS finding_severity,
  COALESCE(s.score, d.score) AS finding_score,
  CASE lower(a.status_code) WHEN 'unhealthy' THEN 'open' WHEN 'healthy' THEN 'resolved' ELSE 'not_applicable' END AS finding_status,
  CASE WHEN lower(a.status_code) = 'unhealthy' THEN 'FAIL' ELSE 'PASS' END AS status_code,
  'misconfiguration' AS finding_sub_type,
  a.assessment_key AS policy_id,
  a.policy_definition_id AS policy_definition_id,
  a.display_name AS policy_title,
  a.description AS policy_description,
  a.assessment_type AS policy_type,
  a.portal_link AS policy_finding_url,
  a.categories AS recommendation,
  a.user_impact AS impact,
  a.remediation_description AS remediation_strategy,
  a.severity AS source_severity,
  a.first_evaluation_date AS first_found_on,
  a.status_change_date AS updated_on,
  CASE WHEN lower(a.status_code) = 'healthy' THEN COALESCE(a.status_change_date, a.last_seen_at) END AS resolved_at,
  a.tactics AS mitre_tactics,
  a.techniques AS mitre_techniques,
  a.technique_ids AS mitre_technique_ids,
  a.connector,
  a.first_seen_at,
  a.last_seen_at,
  COALESCE(a.deleted_at, vm.deleted_at) AS deleted_at
FROM defender_assessments a
LEFT JOIN azure_virtual_machines vm ON vm.id = a.resource_id
LEFT JOIN severity_scores s ON s.connector = a.connector AND s.source_value = lower(a.severity)
LEFT JOIN severity_scores d ON d.connector = a.connector AND d.source_value = '*';
CREATE VIEW asset_device_matches AS
WITH candidates AS (
  SELECT d.id AS device_id, vm.id AS vm_id, r.rule_rank AS rule_rank, r.rule AS rule
  FROM entra_devices d
  JOIN azure_virtual_machines vm ON vm.id = d.azure_resource_id AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'azure-resource-id' AND r.enabled = 1
  WHERE d.deleted_at IS NULL
  UNION ALL
  SELECT d.id, vm.id, r.rule_rank, r.rule
  FROM entra_devices d
  JOIN azure_virtual_machines vm ON lower(vm.vm_id) = d.azure_vm_id AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'vm-id' AND r.enabled = 1
  WHERE d.deleted_at IS NULL
  UNION ALL
  SELECT d.id, vm.id, r.rule_rank, r.rule
  FROM entra_devices d
  JOIN azure_virtual_machines vm ON lower(vm.computer_name) = lower(d.display_name) AND vm.connector = d.connector AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'entra-device' AND r.enabled = 1
  WHERE d.deleted_at IS NULL
  UNION ALL
  SELECT d.id, vm.id, r.rule_rank, r.rule
  FROM entra_devices d
  JOIN azure_network_interfaces n ON upper(replace(n.mac_address, ':', '-')) = upper(replace(d.mac_address, ':', '-')) AND n.deleted_at IS NULL
  JOIN azure_virtual_machines vm ON vm.id = n.virtual_machine_id AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'mac-address' AND r.enabled = 1
  WHERE d.deleted_at IS NULL AND d.mac_address IS NOT NULL
  UNION ALL
  SELECT d.id, vm.id, r.rule_rank, r.rule
  FROM entra_devices d
  JOIN azure_virtual_machines vm ON (lower(vm.computer_name) = lower(d.display_name) OR lower(vm.name) = lower(d.display_name)) AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'hostname' AND r.enabled = 1
  WHERE d.deleted_at IS NULL
)
SELECT c.device_id, MIN(c.vm_id) AS vm_id, MIN(c.rule) AS rule
FROM candidates c
WHERE c.rule_rank = (SELECT MIN(c2.rule_rank) FROM candidates c2 WHERE c2.device_id = c.device_id)
GROUP BY c.device_id;
CREATE VIEW assets AS
SELECT
  'azure:' || vm.id AS asset_uid,
  vm.vm_id AS external_asset_id,
  vm.id AS azure_resource_id,
  vm.name AS asset_name,
  COALESCE(vm.computer_name, vm.name) AS hostname,
  vm.image_offer AS operating_system_name,
  vm.image_version AS operating_system_version,
  vm.os_type,
  net.mac_address,
  net.private_ip_address,
  net.ip_address,
  net.fqdn,
  vm.subscription_id,
  vm.resource_group,
  vm.location,
  vm.tags,
  CASE WHEN m.device_id IS NULL THEN 'azure' ELSE 'azure,entra' END AS sources,
  m.device_id AS entra_device_id,
  m.rule AS identified_by,
  CASE WHEN vm.deleted_at IS NULL THEN 1 ELSE 0 END AS is_active,
  net.has_public_ip,
  net.management_port_open,
  COALESCE(f.open_findings, 0) AS open_findings,
  f.max_finding_severity,
  CASE WHEN base.risk > 100 THEN 100 ELSE base.risk END AS risk_score,
  vm.first_seen_at,
  vm.last_seen_at,
  vm.deleted_at
FROM azure_virtual_machines vm
LEFT JOIN asset_network net ON net.vm_id = vm.id
LEFT JOIN (SELECT vm_id, MIN(device_id) AS device_id, MIN(rule) AS rule FROM asset_device_matches GROUP BY vm_id) m ON m.vm_id = vm.id
LEFT JOIN (
  SELECT asset_uid, COUNT(*) AS open_findings, MAX(finding_severity) AS max_finding_severity, MAX(finding_score) AS max_finding_score
  FROM findings WHERE finding_status = 'open' AND deleted_at IS NULL GROUP BY asset_uid
) f ON f.asset_uid = 'azure:' || vm.id
JOIN (
  SELECT v.id AS vm_id,
    COALESCE(ff.max_score, 0)
    + 2 * (CASE WHEN COALESCE(ff.open_count, 0) > 11 THEN 10 WHEN COALESCE(ff.open_count, 0) > 1 THEN ff.open_count - 1 ELSE 0 END)
    + (CASE WHEN n.has_public_ip = 1 AND n.management_port_open = 1 THEN 20 WHEN n.has_public_ip = 1 THEN 10 ELSE 0 END) AS risk
  FROM azure_virtual_machines v
  LEFT JOIN asset_network n ON n.vm_id = v.id
  LEFT JOIN (SELECT asset_uid, COUNT(*) AS open_count, MAX(finding_score) AS max_score FROM findings
             WHERE finding_status = 'open' AND deleted_at IS NULL GROUP BY asset_uid) ff ON ff.asset_uid = 'azure:' || v.id
) base ON base.vm_id = vm.id
UNION ALL
SELECT
  'entra:' || d.id,
  d.device_id,
  NULL,
  d.display_name,
  d.display_name,
  d.operating_system,
  d.operating_system_version,
  lower(d.operating_system),
  d.mac_address,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  'entra',
  d.id,
  NULL,
  CASE WHEN d.deleted_at IS NULL AND (false OR d.account_enabled = true) THEN 1 ELSE 0 END,
  0,
  0,
  0,
  NULL,
  0,
  d.first_seen_at,
  d.last_seen_at,
  d.deleted_at
FROM entra_devices d
WHERE NOT false
  AND NOT EXISTS (SELECT 1 FROM asset_device_matches m WHERE m.device_id = d.id);
CREATE VIEW entra_group_members_transitive AS
WITH RECURSIVE closure (group_id, member_id, member_type, depth) AS (
  SELECT group_id, member_id, member_type, 1
  FROM entra_group_members
  WHERE deleted_at IS NULL
  UNION
  SELECT c.group_id, m.member_id, m.member_type, c.depth + 1
  FROM closure c
  JOIN entra_group_members m ON m.group_id = c.member_id AND m.deleted_at IS NULL
  WHERE c.member_type = 'group' AND c.depth < 32
)
SELECT group_id, member_id, member_type, MIN(depth) AS depth
FROM closure
GROUP BY group_id, member_id, member_type;
CREATE VIEW entra_live_devices AS
SELECT *
FROM entra_devices
WHERE deleted_at IS NULL AND (false OR account_enabled = true);
CREATE VIEW entra_live_users AS
SELECT *
FROM entra_users
WHERE deleted_at IS NULL AND (false OR account_enabled = true);
CREATE VIEW asset_tags AS
SELECT asset_uid, 'Azure' AS tag FROM assets WHERE azure_resource_id IS NOT NULL
UNION
SELECT 'azure:' || vm.id, 'env:' || json_extract(vm.tags, '$."environment"') FROM azure_virtual_machines vm WHERE vm.deleted_at IS NULL AND json_extract(vm.tags, '$."environment"') IS NOT NULL
UNION
SELECT 'azure:' || vm.id, 'location:' || vm.location FROM azure_virtual_machines vm WHERE vm.deleted_at IS NULL AND vm.location IS NOT NULL;
COMMIT;
