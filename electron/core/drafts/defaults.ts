import type { TemplateParts, TemplateStep } from '../../../shared/drafts';

/**
 * The shipped templates: version 0 of every step. SMS texts stay within GSM-7 (no dashes or curly
 * quotes) so a default SMS never silently switches to UCS-2 and halves its length.
 */

const services = '{% if services.size > 0 %}{{ services | list }}{% else %}the platform{% endif %}';
const contactLine =
  'Questions? Contact {{ contact.team }}{% if contact.email != "" %} at {{ contact.email }}{% endif %}{% if contact.phone != "" %} or on {{ contact.phone }}{% endif %}.' +
  '{% if contact.statusPage != "" %}\nStatus updates: {{ contact.statusPage }}{% endif %}';
const signOff = `\n\n${contactLine}\n\nKind regards,\n{{ contact.team }}`;
const localTimes =
  '{% if audienceZones.size > 0 %}\nLocal times: {{ window.start | zones }} to {{ window.end | zones }}.{% endif %}';
const when =
  '{{ window.start | date: "dddd d MMMM yyyy" }} between {{ window.start | date: "HH:mm" }} and {{ window.end | date: "HH:mm ZZZZ" }}';
const shortWhen = '{{ window.start | date: "ddd d MMM HH:mm" }}-{{ window.end | date: "HH:mm ZZZZ" }}';
const description = '{% if window.description != "" %}\n\n{{ window.description }}{% endif %}';
const recurrence =
  '{% if window.recurrenceText != "" %}\nThis maintenance repeats {{ window.recurrenceText }}.{% endif %}';
const chatWhen =
  '- **When:** {{ window.start | date: "dddd d MMMM yyyy, HH:mm" }} to {{ window.end | date: "HH:mm ZZZZ" }}{% if audienceZones.size > 0 %} ({{ window.start | zones }}){% endif %}';
const incidentSince = '{{ incident.start | date: "HH:mm ZZZZ" }}';

export const DEFAULT_TEMPLATES: Record<TemplateStep, TemplateParts> = {
  announce: {
    subject: 'Scheduled maintenance: {{ window.title }} on {{ window.start | date: "ddd d MMM" }}',
    body:
      'Hello,\n\nThe platform will undergo scheduled maintenance on ' +
      when +
      ', and may experience brief interruptions in service.' +
      localTimes +
      '\n\nAffected: ' +
      services +
      '.\nExpected duration: {{ window.durationMin | duration: "min" }}.' +
      recurrence +
      description +
      signOff,
    sms: '{{ contact.team }}: scheduled maintenance ' + shortWhen + '. ' + services + ' may be briefly unavailable.',
    banner: 'Scheduled maintenance ' + shortWhen + ': brief interruptions to ' + services + ' are possible.',
    chat:
      '**Scheduled maintenance: {{ window.title }}**\n' +
      chatWhen +
      '\n- **Duration:** {{ window.durationMin | duration: "min" }}\n- **Affected:** ' +
      services +
      description,
  },
  reminder: {
    subject: 'Reminder: maintenance {{ window.start | date: "ddd d MMM, HH:mm ZZZZ" }}',
    body:
      'Hello,\n\nA reminder that the platform will undergo scheduled maintenance on ' +
      when +
      ', and may experience brief interruptions in service.' +
      localTimes +
      '\n\nAffected: ' +
      services +
      '.' +
      signOff,
    sms: '{{ contact.team }}: reminder, maintenance ' + shortWhen + '. ' + services + ' may be briefly unavailable.',
    banner: 'Reminder: maintenance ' + shortWhen + ', brief interruptions to ' + services + ' possible.',
    chat: '**Reminder: {{ window.title }}**\n' + chatWhen + '\n- **Affected:** ' + services,
  },
  started: {
    subject: 'Maintenance in progress: {{ window.title }}',
    body:
      'Hello,\n\nScheduled maintenance has started and is expected to finish at {{ window.end | date: "HH:mm ZZZZ" }}' +
      '{% if audienceZones.size > 0 %} ({{ window.end | zones }}){% endif %}. ' +
      services +
      ' may experience brief interruptions in service until then.' +
      signOff,
    sms:
      '{{ contact.team }}: maintenance has started, expected to end {{ window.end | date: "HH:mm ZZZZ" }}. ' +
      services +
      ' may be briefly unavailable.',
    banner:
      'Maintenance in progress until {{ window.end | date: "HH:mm ZZZZ" }}: brief interruptions to ' +
      services +
      ' possible.',
    chat:
      ':construction: **Maintenance started: {{ window.title }}**\nExpected end: {{ window.end | date: "HH:mm ZZZZ" }}. Affected: ' +
      services +
      '.',
  },
  extended: {
    subject: 'Maintenance extended: {{ window.title }} now until {{ window.end | date: "HH:mm ZZZZ" }}',
    body:
      'Hello,\n\nThe scheduled maintenance is taking longer than planned and is now expected to finish at {{ window.end | date: "dddd d MMMM, HH:mm ZZZZ" }}' +
      '{% if audienceZones.size > 0 %} ({{ window.end | zones }}){% endif %}. ' +
      services +
      ' may experience brief interruptions in service until then. We apologise for the inconvenience.' +
      signOff,
    sms: '{{ contact.team }}: maintenance extended, now expected to end {{ window.end | date: "HH:mm ZZZZ" }}. Sorry for the inconvenience.',
    banner:
      'Maintenance extended until {{ window.end | date: "HH:mm ZZZZ" }}: brief interruptions to ' +
      services +
      ' possible.',
    chat: ':hourglass: **Maintenance extended: {{ window.title }}**\nNow expected to end {{ window.end | date: "dddd d MMMM, HH:mm ZZZZ" }}.',
  },
  completed: {
    subject: 'Maintenance completed: {{ window.title }}',
    body:
      'Hello,\n\nThe scheduled maintenance is complete and ' +
      services +
      ' are running normally. Thank you for your patience.' +
      signOff,
    sms:
      '{{ contact.team }}: maintenance is complete. ' +
      services +
      ' are running normally. Thank you for your patience.',
    banner: 'Maintenance complete: ' + services + ' are running normally.',
    chat: ':white_check_mark: **Maintenance completed: {{ window.title }}**\n' + services + ' are running normally.',
  },
  cancelled: {
    subject: 'Maintenance cancelled: {{ window.title }} on {{ window.start | date: "ddd d MMM" }}',
    body:
      'Hello,\n\nThe scheduled maintenance planned for ' +
      when +
      ' has been cancelled. No interruptions in service are expected.' +
      signOff,
    sms: '{{ contact.team }}: the maintenance planned for ' + shortWhen + ' is cancelled. No interruptions expected.',
    banner: 'The maintenance planned for ' + shortWhen + ' is cancelled.',
    chat: '**Maintenance cancelled: {{ window.title }}**\nThe maintenance planned for {{ window.start | date: "dddd d MMMM, HH:mm ZZZZ" }} will not take place.',
  },
  investigating: {
    subject: 'Investigating: problems with ' + services,
    body:
      'Hello,\n\nWe are investigating problems with ' +
      services +
      ' since ' +
      incidentSince +
      '{% if audienceZones.size > 0 %} ({{ incident.start | zones }}){% endif %}. Some users may be unable to use ' +
      services +
      '. We will send an update as soon as we know more.' +
      signOff,
    sms:
      '{{ contact.team }}: we are investigating problems with ' +
      services +
      ' since ' +
      incidentSince +
      '. Updates to follow.',
    banner: 'We are investigating problems with ' + services + ' since ' + incidentSince + '.',
    chat:
      ':rotating_light: **Investigating: ' +
      services +
      '**\nSince ' +
      incidentSince +
      ' ({{ incident.durationMs | duration }}). First error: `{{ incident.firstError }}`',
  },
  identified: {
    subject: 'Identified: problems with ' + services,
    body:
      'Hello,\n\nWe have identified the cause of the problems with ' +
      services +
      ' (since ' +
      incidentSince +
      ') and are working on a fix. We will send an update as soon as it is in place.' +
      signOff,
    sms: '{{ contact.team }}: we have found the cause of the problems with ' + services + ' and are working on a fix.',
    banner: 'Problems with ' + services + ': cause identified, a fix is under way.',
    chat:
      ':mag: **Identified: ' +
      services +
      '**\nCause found, fix in progress. Ongoing for {{ incident.durationMs | duration }}. Latest error: `{{ incident.lastError }}`',
  },
  monitoring: {
    subject: 'Monitoring: fix applied for ' + services,
    body:
      'Hello,\n\nA fix for the problems with ' +
      services +
      ' has been applied and we are monitoring the results. Please let us know if you still see problems.' +
      signOff,
    sms: '{{ contact.team }}: a fix for ' + services + ' is in place and we are monitoring it.',
    banner: 'A fix for ' + services + ' is in place; we are monitoring it.',
    chat: ':eyes: **Monitoring: ' + services + '**\nFix applied, watching. Monitor state: {{ incident.state }}.',
  },
  resolved: {
    subject: 'Resolved: problems with ' + services,
    body:
      'Hello,\n\nThe problems with ' +
      services +
      ' are resolved. They began at ' +
      incidentSince +
      ' and lasted {{ incident.durationMs | duration }}. We apologise for the disruption.' +
      signOff,
    sms: '{{ contact.team }}: the problems with ' + services + ' are resolved. Sorry for the disruption.',
    banner: 'Resolved: ' + services + ' are working normally again.',
    chat:
      ':white_check_mark: **Resolved: ' +
      services +
      '**\nDuration {{ incident.durationMs | duration }}.{% if incident.uptime %} Uptime now {{ incident.uptime | round: 2 }}%.{% endif %}',
  },
};
