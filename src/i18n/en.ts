import { editorEn } from './features/editor';
import { syncEn } from './features/sync';
import { emotionEn } from './features/emotion';
import { motsEn } from './features/mots';

/** English message catalogue. Every UI string lives here and in zh-CN.ts (same keys, checked by the type). */
export const en = {
  app: {
    name: 'MOT Canvas',
    tagline: 'Customer journey maps with Moments of Truth',
    skipToContent: 'Skip to content',
  },
  language: {
    label: 'Language',
    en: 'English',
    'zh-CN': '中文',
  },
  common: {
    cancel: 'Cancel',
    confirm: 'Confirm',
    save: 'Save',
    close: 'Close',
    delete: 'Delete',
    rename: 'Rename',
    duplicate: 'Duplicate',
    open: 'Open',
    loading: 'Loading…',
    retry: 'Try again',
    back: 'All maps',
  },
  list: {
    title: 'Journey maps',
    empty: 'No journey maps yet. Start from a template or a blank map.',
    newBlank: 'New blank map',
    newFromTemplate: 'New from template',
    templateAirline: 'Airline journey',
    templateHotel: 'Hotel journey',
    templateAirlineDescription: 'Booking to arrival: six stages, two travellers, their emotion curves and Moments of Truth.',
    templateHotelDescription: 'Booking to checkout: four stages, two guests, their emotion curves and Moments of Truth.',
    createIn: 'Template language follows the interface language ({{language}}).',
    updated: 'Updated {{date}}',
    counts: '{{stages}} stages · {{touchpoints}} touchpoints · {{mots}} MOTs',
    renamePrompt: 'New name for “{{title}}”',
    renameLabel: 'Map name',
    deleteConfirm: 'Delete “{{title}}”? This cannot be undone.',
    deleteTitle: 'Delete map',
    actionsFor: 'Actions for {{title}}',
    loadError: 'Could not load the maps: {{message}}',
    createError: 'Could not create the map: {{message}}',
    untitled: 'Untitled journey',
  },
  map: {
    loadError: 'Could not open this map: {{message}}',
    notFound: 'This map does not exist or was deleted.',
    personas: 'Personas',
    stages: 'Stages',
    lanes: 'Lanes',
    canvasLabel: 'Journey map canvas: {{title}}',
    fitView: 'Fit map to screen',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    emptyCell: 'Empty cell',
    touchpointCount: '{{count}} touchpoints',
  },
  laneTypes: {
    action: 'Customer actions',
    touchpoint: 'Touchpoints & channels',
    frontstage: 'Frontstage',
    backstage: 'Backstage',
    pain: 'Pain points',
    opportunity: 'Ideas',
  },
  channels: {
    'in-person': 'In person',
    web: 'Website',
    app: 'Mobile app',
    phone: 'Phone',
    email: 'Email',
    sms: 'SMS',
    chat: 'Chat',
    kiosk: 'Kiosk',
    social: 'Social media',
    print: 'Print',
    signage: 'Signage',
    other: 'Other',
  },
  errors: {
    network: 'The server cannot be reached. Check your connection.',
    unknown: 'Something went wrong.',
  },
  editor: editorEn,
  sync: syncEn,
  emotion: emotionEn,
  mots: motsEn,
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
