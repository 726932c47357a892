import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 17b: real pull errors from home-lab and self-hosting platforms whose users pull images (Home Assistant
 * Supervisor / OS / add-on repositories, TrueNAS apps and TrueCharts, Portainer, CasaOS, Umbrel, Coolify, CapRover,
 * Dokku, YunoHost, Immich, Nextcloud, Pi-hole and other Raspberry Pi images, balena, Synology hosts, fnOS app store),
 * collected on 2026-12-08 by a helper that never read the rules (lib/classify) nor the classifier's tests and never
 * ran the classifier.
 * Found with the `search` tool (issues corpus) using neutral queries: a platform or image name (home assistant
 * supervisor / addon, linuxserver, immich, truecharts, truenas apps, CasaOS, umbrel, coolify, portainer stack, nextcloud
 * all-in-one, pi-hole, balena push, dokku, caprover, jellyfin, yunohost, synology container manager, unraid) with
 * "Failed to pull image", "Error response from daemon", ImagePullBackOff, "pull access denied", "manifest unknown",
 * "no matching manifest", rate limit, x509, "no space left on device", "invalid reference format" or "server gave HTTP
 * response to HTTPS client" (the last two brought nothing usable from these platforms); then follow-up queries on a
 * thread's own title to read its resolution.
 * Every thread was checked against the sources earlier entries cite (all corpus*.ts and produced-messages.txt, as plain
 * URLs and in the `gh('owner/repo#n')` / `ghPull('owner/repo#n')` / `${GH}/owner/repo/issues/n` forms); cited threads
 * were skipped, as were messages whose text already appears in the corpus. Some rows come from a neighbouring
 * repository where a user of the platform reported an image failing there (an add-on repository for Home Assistant, an
 * app's own repository for a CasaOS / Portainer / CapRover / Synology install, containrrr/watchtower on a Synology NAS).
 * At most two messages per thread and six per project. Rows whose only text was a screenshot, or an excerpt cut
 * short by the reporter, were left out.
 * Label = the cause the thread establishes (resolution, maintainer answer or fix that worked); where it leaves the
 * cause open, what the message text says. 'ambiguous' marks rows whose text alone cannot decide; a comment above a
 * row explains a label that is not obvious from the text. Messages are verbatim as the threads print them (HTML
 * entities, GitHub's rendering of pasted links, a log's literal \n escapes, the reporter's typos); leading indentation
 * was sometimes dropped. No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const ROWS: Row[] = [
  // Home Assistant (Supervisor, OS, Core, installer, devcontainer)
  // the supervisor asked Docker Hub for a docker:<version>-cli builder tag that was not published
  ['tag_not_found', 'https://github.com/home-assistant/supervisor/pull/6816', '2026-05-06 14:11:01.499 ERROR (MainThread) [supervisor.jobs] Unhandled exception: [404] manifest for docker:29.4.2-cli not found: manifest unknown: manifest unknown'],
  // the board's clock was behind (2021-08-06 vs a certificate valid from 2021-08-24)
  ['tls_error', 'https://github.com/home-assistant/supervisor/issues/3289', '21-08-06 16:46:01 ERROR (SyncWorker_1) [supervisor.docker.interface] Can\'t install ghcr.io/home-assistant/raspberrypi4-64-homeassistant:2021.11.1: 500 Server Error for http+docker://localhost/v1.41/images/create?tag=2021.11.1&fromImage=ghcr.io%2Fhome-assistant%2Fraspberrypi4-64-homeassistant: Internal Server Error ("Get "https://ghcr.io/v2/": x509: certificate has expired or is not yet valid: current time 2021-08-06T14:46:01Z is before 2021-08-24T00:00:00Z")'],
  ['rate_limited', 'https://github.com/home-assistant/operating-system/issues/1171', '21-01-18 11:54:29 ERROR (SyncWorker_4) [supervisor.docker.interface] Can\'t install homeassistant/raspberrypi4-64-homeassistant:2021.1.4 -> 500 Server Error for http+docker://localhost/v1.40/images/create?tag=2021.1.4&fromImage=homeassistant%2Fraspberrypi4-64-homeassistant: Internal Server Error ("toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit").'],
  ['dns_failure', 'https://github.com/home-assistant/core/issues/31541', '20-02-06 16:11:00 ERROR (SyncWorker_1) [hassio.docker.interface] Can\'t install homeassistant/qemux86-64-homeassistant:0.105.1 -> 500 Server Error: Internal Server Error ("Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving").'],
  // thread left open (moved to Discord); the text is a certificate-name mismatch
  ['tls_error', 'https://github.com/home-assistant/supervised-installer/issues/184', 'Error response from daemon: Get “https://registry-1.docker.io/v2/ 1”: certificate is valid for jenkins.bison.services, *.bison.services, not registry-1.docker.io'],
  // Docker Desktop's disk limit was too small; raising it fixed the install
  ['disk_pressure', 'https://github.com/home-assistant/devcontainer/issues/138', '2025-09-17 18:54:30.587 WARNING (MainThread) [supervisor.jobs] \'AddonManager.install\' blocked from execution, not enough free space (0.4GB) left on the device'],
  // Home Assistant add-on repositories
  // a locally-built add-on image name the supervisor tried to pull; thread gives no cause, label from the text
  ['repo_not_found', 'https://github.com/alexbelgium/hassio-addons/issues/197', 'Can\'t install db21ed7f/aarch64-addon-jackett_nas:0.20.492: 404 Client Error for http+docker://localhost/v1.41/images/create?tag=0.20.492&fromImage=db21ed7f%2Faarch64-addon-jackett_nas: Not Found ("pull access denied for db21ed7f/aarch64-addon-jackett_nas, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied")', 'ambiguous'],
  ['tag_not_found', 'https://github.com/alexbelgium/hassio-addons/issues/2439', '2026-02-03 15:38:25.666 ERROR (MainThread) [supervisor.docker.interface] Can\'t install ghcr.io/alexbelgium/jellyfin-amd64:10.11.6-5: DockerError(404, \'manifest unknown\')'],
  ['disk_pressure', 'https://github.com/alexbelgium/hassio-addons/issues/414', 'Error processing tar file(exit status 1): write /opt/portainer/kubectl: no space left on device'],
  // the maintainer could not build the ARM images; armhf/armv7 were pushed later, aarch64 still not
  ['platform_mismatch', 'https://github.com/mtthp/hassio-addons/issues/10', '404 Client Error for http+docker://localhost/v1.40/images/create?tag=20.0.3&fromImage=mtthp%2Faarch64-addon-nextcloud: Not Found ("pull access denied for mtthp/aarch64-addon-nextcloud, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied")', 'ambiguous'],
  // the maintainer saw no armv7 image among the published ones and proposed building one (thread closed without more)
  ['platform_mismatch', 'https://github.com/d0ugal/hassio-dropbox-upload/issues/49', '19-03-20 14:33:34 ERROR (SyncWorker_7) [hassio.docker.interface] Can\'t install d0ugal/hassio-dropbox-upload-armv7:1.1.2 -> 404 Client Error: Not Found ("pull access denied for d0ugal/hassio-dropbox-upload-armv7, repository does not exist or may require \'docker login\'").', 'ambiguous'],
  // maintainer: this 404 "no such image" after a pull means there was not enough disk space
  ['disk_pressure', 'https://github.com/hassio-addons/app-tasmoadmin/issues/74', 'RROR (SyncWorker_19) [supervisor.docker.interface] Can\'t install hassioaddons/sonweb-amd64:0.10.0 -> 404 Client Error: Not Found ("no such image: hassioaddons/sonweb-amd64:0.10.0: No such image: hassioaddons/sonweb-amd64:0.10.0")', 'ambiguous'],
  // the reporter found there was not enough space for the add-on
  ['disk_pressure', 'https://github.com/hassio-addons/app-vscode/issues/314', 'Failed to install add-on\nCan\'t install ghcr.io/hassio-addons/vscode/amd64:3.6.2: 404 Client Error for http+docker://localhost/v1.41/images/ghcr.io/hassio-addons/vscode/amd64:3.6.2/json: Not Found ("no such image: ghcr.io/hassio-addons/vscode/amd64:3.6.2: No such image: ghcr.io/hassio-addons/vscode/amd64:3.6.2")', 'ambiguous'],
  // Immich
  ['network_unreachable', 'https://github.com/immich-app/immich/issues/6801', 'Error response from daemon: Head "https://ghcr.io/v2/immich-app/immich-server/manifests/release": Get "https://ghcr.io/token?scope=repository%3Aimmich-app%2Fimmich-server%3Apull&service=ghcr.io": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'],
  ['network_unreachable', 'https://github.com/immich-app/immich/issues/8763', 'Error response from daemon: Get "http://registry.hub.docker.com/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'],
  ['network_unreachable', 'https://github.com/immich-app/immich/issues/8085', 'Error response from daemon: Get "https://registry.hub.docker.com/v2/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'ambiguous'],
  ['dns_failure', 'https://github.com/immich-app/immich/issues/20812', 'immich-machine-learning Error Get "https://ghcr.io/v2/immich-app/immich-machine-learning/manifests/latest": dial tcp: lookup ghcr.io: no such host'],
  // AppArmor in the LXC container that ran Docker refused the layer's lchown; no category covers a host security policy
  ['unknown', 'https://github.com/immich-app/immich/issues/9157', 'failed to register layer: failed to Lchown "/root/.npm" for UID 0, GID 0: lchown /root/.npm: no data available'],
  // TrueCharts on TrueNAS SCALE
  // the chart pinned a digest the registry did not hold
  ['tag_not_found', 'https://github.com/trueforge-org/truecharts/issues/3260', 'Warning  Failed          3m53s (x4 over 5m38s)  kubelet            Failed to pull image "tccr.io/truecharts/nextcloud-fpm:v24.0.3@sha256:7d0cd04aca7d17fdf57b0d883f519c7caefaeefd5724480885ad2fb098a25a1e": rpc error: code = Unknown desc = Error response from daemon: manifest for tccr.io/truecharts/nextcloud-fpm@sha256:7d0cd04aca7d17fdf57b0d883f519c7caefaeefd5724480885ad2fb098a25a1e not found: manifest unknown: manifest unknown'],
  // fixed by a chart version pinning a published digest
  ['tag_not_found', 'https://github.com/trueforge-org/truecharts/issues/16746', 'Failed to pull image "tccr.io/truecharts/kopia:v0.15.0@sha256:915804f85364d2bba51248ea6b639d0988933870dc475da71d028aa819ec8649": rpc error: code = NotFound desc = failed to pull and unpack image "tccr.io/truecharts/kopia@sha256:915804f85364d2bba51248ea6b639d0988933870dc475da71d028aa819ec8649": failed to resolve reference "tccr.io/truecharts/kopia@sha256:915804f85364d2bba51248ea6b639d0988933870dc475da71d028aa819ec8649": tccr.io/truecharts/kopia@sha256:915804f85364d2bba51248ea6b639d0988933870dc475da71d028aa819ec8649: not found'],
  // the chart was still on an old common library whose db-wait image digest was gone; a catalog refresh fixed it
  ['tag_not_found', 'https://github.com/trueforge-org/truecharts/issues/16747', 'Failed to pull image "tccr.io/tccr/db-wait-postgres:v1.1.0@sha256:a163c7836d7bb436a428f5d55bbba0eb73bcdb9bc202047e2523bbb539c113e6": rpc error: code = NotFound desc = failed to pull and unpack image "tccr.io/tccr/db-wait-postgres@sha256:a163c7836d7bb436a428f5d55bbba0eb73bcdb9bc202047e2523bbb539c113e6": failed to resolve reference "tccr.io/tccr/db-wait-postgres@sha256:a163c7836d7bb436a428f5d55bbba0eb73bcdb9bc202047e2523bbb539c113e6": tccr.io/tccr/db-wait-postgres@sha256:a163c7836d7bb436a428f5d55bbba0eb73bcdb9bc202047e2523bbb539c113e6: not found', 'ambiguous'],
  ['timeout_or_size', 'https://github.com/trueforge-org/truecharts/issues/7982', 'Failed to pull image "tccr.io/truecharts/onlyoffice-ds:7.3.2@sha256:9aacea7333ba95828654da677afedf3e9538cef77394c395a3991cc7f07e8e85": rpc error: code = Unknown desc = context deadline exceeded'],
  // the reg image was not on tccr.io ("image is not available"); the registry answers unauthorized for it
  ['repo_not_found', 'https://github.com/trueforge-org/truecharts/issues/3427', 'Error: initializing source docker://tccr.io/truecharts/reg@sha256:ae581387764a23c62c1386389e27358bac5088790904938264cb0bcd4e8c946c: reading manifest sha256:ae581387764a23c62c1386389e27358bac5088790904938264cb0bcd4e8c946c in tccr.io/truecharts/reg: unauthorized: access to the requested resource is not authorized', 'ambiguous'],
  // TrueNAS apps / charts
  // the catalog pinned newt 1.9.1, which no longer exists on Docker Hub
  ['tag_not_found', 'https://github.com/truenas/apps/issues/4433', '[2026/02/20 18:34:56] (ERROR) app_lifecycle.compose_action():58 - Failed \'up\' action for \'newt\' app:  newt Pulling \\n newt Error manifest for fosrl/newt:1.9.1 not found: manifest unknown: manifest unknown\\nError response from daemon: manifest for fosrl/newt:1.9.1 not found: manifest unknown: manifest unknown\\n'],
  // maintainer: the download does not complete in a timely manner
  ['timeout_or_size', 'https://github.com/truenas/charts/issues/1764', 'Failed to pull image "ghcr.io/onedr0p/sonarr:3.0.10.1567": rpc error: code = Unknown desc = context deadline exceeded'],
  ['dns_failure', 'https://github.com/boredazfcuk/docker-icloudpd/issues/493', 'Failed to pull image "boredazfcuk/icloudpd:1.0.714@sha256:6a2b18a6e0f14d2307c993aab6fd842816c2906affe74147c2dc7ea47352a00f": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/boredazfcuk/icloudpd@sha256:6a2b18a6e0f14d2307c993aab6fd842816c2906affe74147c2dc7ea47352a00f": failed to resolve reference "docker.io/boredazfcuk/icloudpd@sha256:6a2b18a6e0f14d2307c993aab6fd842816c2906affe74147c2dc7ea47352a00f": failed to do request: Head "https://registry-1.docker.io/v2/boredazfcuk/icloudpd/manifests/sha256:6a2b18a6e0f14d2307c993aab6fd842816c2906affe74147c2dc7ea47352a00f": dial tcp: lookup registry-1.docker.io: no such host'],
  // CasaOS and Umbrel app stores
  // maintainer: a network problem, Docker Hub is blocked from the reporter's network
  ['network_unreachable', 'https://github.com/IceWhaleTech/CasaOS/issues/1864', 'error pulling image configuration: download failed after attempts=6: dial tcp 104.244.46.71:443:i/o timeout'],
  // closed as a duplicate of a thread whose answer is to configure working registry mirrors
  ['network_unreachable', 'https://github.com/IceWhaleTech/CasaOS/issues/2231', 'Error response from daemon: Get &quot;https://registry-1.docker.io/v2/&quot;: context deadline exceeded', 'ambiguous'],
  // hotio's images are no longer on Docker Hub; switching to ghcr.io/hotio/qbittorrent fixed it
  ['repo_not_found', 'https://github.com/IceWhaleTech/CasaOS/issues/2298', 'Error response from daemon: pull access denied for hotio/qbittorrent, repository does not exist or may require \'docker login\': denied: requested acces…', 'ambiguous'],
  // same Docker Hub name of hotio/qbittorrent, through umbreld's docker-modem
  ['repo_not_found', 'https://github.com/getumbrel/umbrel-apps/issues/3239', 'Error: (HTTP code 404) unexpected - pull access denied for hotio/qbittorrent, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // Coolify
  // the host had no working IPv6 route to Docker Hub's IPv6 auth endpoint
  ['network_unreachable', 'https://github.com/coollabsio/coolify/issues/1186', '[16:56:15.128] #3 ERROR: failed to authorize: rpc error: code = Unknown desc = failed to fetch anonymous token: Get "https://auth.ipv6.docker.com/token?scope=repository%3Alibrary%2Fnode%3Apull&service=registry.docker.io": dial tcp [2600:1f18:2148:bc01:c4:4967:28eb:1824]:443: connect: cannot assign requested address'],
  // stale Docker Hub credentials were injected into the helper container for public images
  ['auth_missing', 'https://github.com/coollabsio/coolify/issues/9412', 'Head "https://registry-1.docker.io/v2/library/ghost/manifests/6.23.0": unauthorized: incorrect username or password'],
  ['auth_missing', 'https://github.com/coollabsio/coolify/issues/9412', 'ERROR: failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://auth.docker.io/token?scope=repository%3Alibrary%2Fnode%3Apull&service=registry.docker.io: 401 Unauthorized'],
  // Portainer stacks and images
  // the image is not published; it has to be built locally
  ['repo_not_found', 'https://github.com/fabianbees/breitbandmessung-docker/issues/2', 'failed to deploy a stack: breitband-desktop Pulling breitband-desktop Error Error response from daemon: pull access denied for breitband, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // typo in the image name (frontial for frontail)
  ['repo_not_found', 'https://github.com/welteki/docker_frontail_openhab/issues/3', 'Error response from daemon: pull access denied for welteki/frontial-openhab, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // a locally built image re-pulled with "pull latest image"; it exists in no registry
  ['repo_not_found', 'https://github.com/portainer/portainer/issues/8111', 'Failure\npull access denied for mycontainer, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // the package is ghcr.io/bscott/subtrackr; the documented name was wrong
  ['repo_not_found', 'https://github.com/bscott/subtrackr/issues/11', 'Failed to deploy a stack: compose up operation failed: Error response from daemon: Head "https://ghcr.io/v2/bscott/subtrackr-xyz/manifests/v0.1.0": denied', 'ambiguous'],
  // Pi-hole and Raspberry Pi images
  // the arm tag was deprecated in favour of a multiarch repository
  ['tag_not_found', 'https://github.com/pi-hole/docker-pi-hole/issues/207', 'ERROR: manifest for diginc/pi-hole:arm not found'],
  ['tag_not_found', 'https://github.com/pi-hole/docker-pi-hole/issues/656', 'Error response from daemon: manifest for pihole/pihole:v5.1.1_armhf not found: manifest unknown: manifest unknown'],
  ['tag_not_found', 'https://github.com/giulbia/baby_cry_rpi/issues/4', 'Error response from daemon: manifest for mikkl/rpi-raspbian-baby-cry-detection:p\ni3 not found'],
  // a rebuild of the image fixed it (the tag's index pointed at a manifest the registry no longer had)
  ['tag_not_found', 'https://github.com/Benoit3/Diematic_to_MQTT/issues/12', 'latest: Pulling from benoit3/diematic_to_mqtt\nmanifest unknown', 'ambiguous'],
  // a package-cleanup action had deleted the per-platform manifests the tag pointed to
  ['tag_not_found', 'https://github.com/brentvollebregt/whos-on-my-network/issues/33', 'master: Pulling from brentvollebregt/whos-on-my-network\nmanifest unknown', 'ambiguous'],
  // there is no latest tag; a versioned tag pulled
  ['tag_not_found', 'https://github.com/matthuisman/docker-kodi-headless/issues/46', 'Error response from daemon: manifest for matthuisman/kodi-headless:latest not found: manifest unknown: manifest unknown'],
  // balena
  // thread unanswered; label from the text
  ['repo_not_found', 'https://github.com/balena-io-experimental/balena-prometheus/issues/1', '[Error]        Error: pull access denied for resin/orange-pi-zero-debian, repository does not exist or may require \'docker login\'', 'ambiguous'],
  // maintainer suspected an intermittent balena registry problem; it worked again shortly after
  ['registry_unavailable', 'https://github.com/rahul-thakoor/balena-rpiplay/issues/29', 'Failed to download image \'registry2.balena-cloud.com/v2/5f425bb56cd807866eb0ed443fac3299@sha256:88c0d709e705ca6fd6e419ce7a7c826d82a612174de7d181915efe4de9e62124\' due to \'error pulling image configuration: errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required', 'ambiguous', 'the text is a denied and an unauthorized; the registry problem is the maintainer\'s suspicion'],
  // the issue: this is what balenahup prints when it cannot reach the Docker Hub registry
  ['network_unreachable', 'https://github.com/balena-os/balenahup/issues/257', 'exit code 1 stderr: [000000001][ERROR]Cannot find manifest, target image might not exist. Bailing out...', 'ambiguous'],
  // CapRover and Dokku
  // the server was out of disk; a manual docker pull after freeing space worked
  ['disk_pressure', 'https://github.com/caprover/caprover/issues/762', '1/1: No such image: caprover/caprover:1.7.1\nservice update paused: update paused due to failure or early termination of task', 'ambiguous'],
  // the image had no latest tag on Docker Hub
  ['tag_not_found', 'https://github.com/douglara/chatwoot-botpress-bridge/issues/6', 'Deploy failed!\nError: (HTTP code 404) unexpected - manifest for douglara/chatwoot-botpress-bridge:latest not found: manifest unknown: manifest unknown'],
  // a CapRover bug did not pass the configured registry credentials to the pull (fixed in a hotfix)
  ['auth_missing', 'https://github.com/caprover/caprover/issues/370', 'Deploy failed! Error: (HTTP code 500) server error - \nGet https://registry.gitlab.com/v2/handshake/handshake-se/frontend/manifests/latest: denied: access forbidden', 'ambiguous'],
  // dokku/dockerfile is a helper image Dokku builds locally; it was missing, so Docker looked for it on Docker Hub
  ['repo_not_found', 'https://github.com/dokku/dokku/issues/7793', 'docker: Error response from daemon: pull access denied for dokku/dockerfile, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied.', 'ambiguous'],
  // YunoHost: the dev images were dropped with the deprecated Docker setup
  ['repo_not_found', 'https://github.com/YunoHost/ynh-dev/issues/7', 'Trying to pull repository docker.io/zamentur/yunohost-testing8 ... not found\nError: image zamentur/yunohost-testing8:latest not found', 'ambiguous'],
  // linuxserver / hotio images
  ['platform_mismatch', 'https://github.com/linuxserver/emulatorjs/issues/174', 'amd64-latest: Pulling from linuxserver/emulatorjs\nno matching manifest for linux/amd64 in the manifest list entries'],
  ['tag_not_found', 'https://github.com/hotio/prowlarr/issues/2', 'ERROR: manifest for cr.hotio.dev/hotio/prowlarr:latest not found: manifest unknown: manifest unknown'],
  // Synology NAS hosts
  // Synology's old Docker engine could not unpack the image; the maintainer's answer is to update the engine (no category fits)
  ['unknown', 'https://github.com/11notes/docker-kms/issues/22', 'failed to register layer: ApplyLayer exit status 1 stdout:  stderr: archive/tar: invalid tar header'],
  // the compose file named the image without its sundowndev/ namespace
  ['repo_not_found', 'https://github.com/sundowndev/phoneinfoga/issues/860', 'ERROR: pull access denied for phoneinfoga, repository does not exist or may require \'docker login\'', 'ambiguous'],
  ['dns_failure', 'https://github.com/containrrr/watchtower/issues/1866', '2023-12-01T21:46:27-08 [D] Error pulling image lscr.io/linuxserver/jackett:latest, Error response from daemon: Get "https://lscr.io/v2/": dial tcp: lookup lscr.io on 192.168.1.1:53: no such host'],
  // home-lab auto-updaters
  ['rate_limited', 'https://github.com/Finsys/dockhand/issues/1268', 'error pulling image configuration: download failed after attempts=1: toomanyrequests: retry-after: 123.381µs, allowed: 44000/minute'],
  // fnOS app store (NAS)
  // the packaging script stripped the v from the ghcr tag (v3.0.1 became 3.0.1)
  ['tag_not_found', 'https://github.com/conversun/fnos-apps/issues/175', 'docker 镜像拉取失败: Error response fro)daemon: manifest unknown 请尝试在 Docker 设置中更换镜像加速源后重试。'],
];

export const FRESH_SEVENTEENTH_B: readonly CorpusEntry[] = corpusEntries(ROWS);
